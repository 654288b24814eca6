/** What the journal records about one share set (made when, by whom, for which wallet, retired?): for reissue and drill. */
import { InventoryBuilder, type ShareSetRecord } from '../../core/lifecycle/inventory.js';
import { scanJournal } from '../journal-file.js';

/** The share set this journal records under `setId` (or its words), or null. */
export function recordedShareSet(file: string, setId: string, setWords: string): ShareSetRecord | null {
  const b = new InventoryBuilder();
  scanJournal(file, ({ entry }) => b.add(entry));
  const sets = b.finish(new Date(0)).shareSets;
  return sets.find((s) => s.id === setId) ?? sets.find((s) => s.setWords !== null && s.setWords === setWords) ?? null;
}
