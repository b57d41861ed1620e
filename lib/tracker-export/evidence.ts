import type { IssueAttachment } from '../contracts';
import { fileSlug } from '../files';
import { createFindingClip } from '../offline-replay';
import type { StudyGroupDb } from '../storage';
import type { EvidenceSource } from './drafts';

export interface ReplayClipDeps {
  db: StudyGroupDb;
  /** The offline player's source, read from the extension's own files. */
  loadPlayer: () => Promise<string>;
  now: () => Date;
  log: (line: string) => void;
}

/**
 * The finding's offline replay clip as one more file. Its name carries the
 * number of annotations it shows: a re-export after more people hit the
 * finding attaches the larger clip, the same clip is never attached twice.
 * A clip that cannot be made (no recording kept) leaves the issue without it.
 */
export function createReplayClipEvidence(deps: ReplayClipDeps): EvidenceSource {
  return async (finding) => {
    try {
      const clip = await createFindingClip(deps.db, finding, {
        playerScript: await deps.loadPlayer(),
        now: deps.now(),
      });
      const count = finding.annotationIds.length;
      const name = `${fileSlug(finding.title, 'finding', 40)}-replay-${count}-annotation${count === 1 ? '' : 's'}.html`;
      return [{ ...clip, fileName: name }];
    } catch (error) {
      deps.log(
        `Export: no replay clip for finding ${finding.id} (${error instanceof Error ? error.message : String(error)}).`,
      );
      return [];
    }
  };
}

/** Several sources' files, in order. */
export function combineEvidence(...sources: EvidenceSource[]): EvidenceSource {
  return async (finding, context) => {
    const files: IssueAttachment[] = [];
    for (const source of sources) files.push(...(await source(finding, context)));
    return files;
  };
}
