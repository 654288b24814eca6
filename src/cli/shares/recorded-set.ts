/** What the journal records about share sets (made when, by whom, for which wallet, retired?): for reissue, drill and verify. */
import { InventoryBuilder, type ShareSetRecord } from '../../core/lifecycle/inventory.js';
import { scanJournal } from '../journal-file.js';

/** Every share set this journal records (the journal verified as it streams). */
export function recordedShareSets(file: string): ShareSetRecord[] {
  const b = new InventoryBuilder();
  scanJournal(file, ({ entry }) => b.add(entry));
  return b.finish(new Date(0)).shareSets;
}

/** The set recorded under `setId`, else under its words, or null. */
export function findShareSet(sets: readonly ShareSetRecord[], setId: string, setWords: string): ShareSetRecord | null {
  return sets.find((s) => s.id === setId) ?? sets.find((s) => s.setWords !== null && s.setWords === setWords) ?? null;
}

/** The share set this journal records under `setId` (or its words), or null. */
export function recordedShareSet(file: string, setId: string, setWords: string): ShareSetRecord | null {
  return findShareSet(recordedShareSets(file), setId, setWords);
}
