/**
 * One self-contained, offline HTML page that cycles verified QR frames: every frame is an inline
 * `data:image/png` URL, the script is inline, and a Content-Security-Policy forbids any network
 * load (`default-src 'none'`). Controls: pause/play, step back/forward, speed, frame counter.
 */
import { sanitize } from '../../core/text.js';

export interface HtmlPageInfo {
  title: string;
  /** Shown under the code: format, digest, frame count. */
  lines: string[];
  fps: number;
}

const esc = (s: string): string => sanitize(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page for PNG frames (bytes of each PNG). */
export function htmlPage(pngs: Uint8Array[], info: HtmlPageInfo): string {
  const frames = pngs.map((p) => `"data:image/png;base64,${Buffer.from(p).toString('base64')}"`).join(',\n');
  const period = Math.max(20, Math.round(1000 / info.fps));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)}</title>
<style>
body { font-family: sans-serif; background: #fff; color: #000; text-align: center; margin: 1em; }
img { width: min(90vmin, 640px); height: auto; image-rendering: pixelated; }
button { font-size: 1.1em; margin: 0.2em; min-width: 4em; }
#counter { font-family: monospace; font-size: 1.3em; }
p.info { font-family: monospace; margin: 0.2em; }
</style>
</head>
<body>
<h1>${esc(info.title)}</h1>
<img id="qr" alt="QR frame">
<div id="counter"></div>
<div>
<button id="prev" title="previous frame (←)">◀</button>
<button id="play" title="pause / play (space)">pause</button>
<button id="next" title="next frame (→)">▶</button>
<button id="slower" title="slower (-)">slower</button>
<button id="faster" title="faster (+)">faster</button>
</div>
${info.lines.map((l) => `<p class="info">${esc(l)}</p>`).join('\n')}
<script>
"use strict";
const frames = [
${frames}
];
let i = 0, playing = frames.length > 1, period = ${period}, timer = null;
const img = document.getElementById("qr"), counter = document.getElementById("counter"), play = document.getElementById("play");
function show() { img.src = frames[i]; counter.textContent = "frame " + (i + 1) + " / " + frames.length + " \\u00b7 " + Math.round(1000 / period) + " fps" + (playing ? "" : " \\u00b7 paused"); play.textContent = playing ? "pause" : "play"; }
function step(d) { i = (i + d + frames.length) % frames.length; show(); }
function schedule() { if (timer) clearInterval(timer); timer = playing ? setInterval(() => step(1), period) : null; show(); }
document.getElementById("prev").onclick = () => { playing = false; schedule(); step(-1); };
document.getElementById("next").onclick = () => { playing = false; schedule(); step(1); };
play.onclick = () => { playing = !playing; schedule(); };
document.getElementById("slower").onclick = () => { period = Math.min(2000, Math.round(period * 1.25)); schedule(); };
document.getElementById("faster").onclick = () => { period = Math.max(50, Math.round(period / 1.25)); schedule(); };
document.addEventListener("keydown", (e) => {
  if (e.key === " ") { e.preventDefault(); play.onclick(); }
  else if (e.key === "ArrowLeft") document.getElementById("prev").onclick();
  else if (e.key === "ArrowRight") document.getElementById("next").onclick();
  else if (e.key === "+") document.getElementById("faster").onclick();
  else if (e.key === "-") document.getElementById("slower").onclick();
});
schedule();
</script>
</body>
</html>
`;
}
