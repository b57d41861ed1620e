import { isQuotaError, type StudyGroupDb } from '../storage';
import { isGzip } from '../files';
import { BUNDLE_AS_KIT_MESSAGE, parseKitFile, type ParseKitOptions } from './kit-file';
import { KIT_LIMITS, validateKit, type KitResult } from './kit-schema';
import type { StudyKit } from '../contracts';

/** Newest first. */
export function listStudies(db: StudyGroupDb): Promise<StudyKit[]> {
  return db.studies.orderBy('updatedAt').reverse().toArray();
}

export function getStudy(db: StudyGroupDb, id: string): Promise<StudyKit | undefined> {
  return db.studies.get(id);
}

/** Validate and store a kit (added or replaced by id), stamped with `now` as its updatedAt. */
export async function saveStudy(db: StudyGroupDb, kit: StudyKit, now: number): Promise<KitResult> {
  const result = validateKit({ ...kit, updatedAt: now });
  if (result.type === 'error') return result;
  try {
    await db.studies.put(result.kit);
    return result;
  } catch (error) {
    return { type: 'error', message: storageFailure(error, 'The study was not saved') };
  }
}

export function deleteStudy(db: StudyGroupDb, id: string): Promise<void> {
  return db.studies.delete(id);
}

export type ImportKitResult =
  | { type: 'imported' | 'replaced' | 'up-to-date'; kit: StudyKit; message: string }
  | { type: 'error'; message: string };

const megabytes = (bytes: number) => `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;

/**
 * Import a kit file as a study. A study with the same id is replaced only when
 * the file's kit was updated later; nothing is asked, the result says what happened.
 */
export async function importKit(
  db: StudyGroupDb,
  file: Blob,
  options: ParseKitOptions = {},
): Promise<ImportKitResult> {
  if (file.size > KIT_LIMITS.fileBytes) {
    return {
      type: 'error',
      message: `The file is ${megabytes(file.size)}; a kit file is at most ${megabytes(KIT_LIMITS.fileBytes)}.`,
    };
  }
  if (file.size === 0) return { type: 'error', message: 'The file is empty.' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Kits are plain JSON; a gzipped file picked here is, in practice, a session bundle.
  if (isGzip(bytes)) return { type: 'error', message: BUNDLE_AS_KIT_MESSAGE };
  const parsed = parseKitFile(new TextDecoder().decode(bytes), options);
  if (parsed.type === 'error') return parsed;
  const { kit } = parsed;
  try {
    // Read and write in one transaction: a concurrent save cannot slip in between.
    return await db.transaction('rw', db.studies, async (): Promise<ImportKitResult> => {
      const existing = await db.studies.get(kit.id);
      if (existing && existing.updatedAt >= kit.updatedAt) {
        return {
          type: 'up-to-date',
          kit: existing,
          message: `“${existing.title}” is already up to date: the study here is as recent as the file or more.`,
        };
      }
      await db.studies.put(kit);
      return existing
        ? {
            type: 'replaced',
            kit,
            message: `Updated “${kit.title}” from the newer kit in the file.`,
          }
        : { type: 'imported', kit, message: `Imported “${kit.title}”.` };
    });
  } catch (error) {
    return { type: 'error', message: storageFailure(error, 'Nothing was imported') };
  }
}

function storageFailure(error: unknown, outcome: string): string {
  return isQuotaError(error)
    ? `Not enough storage space. ${outcome}.`
    : `${outcome}: ${String(error)}`;
}
