import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { bundleFileName, bundleJsonParts } from '@/lib/export';
import { formatBytes } from '@/lib/format';
import {
  blobSink,
  findingClipParts,
  isAbort,
  isBundleSessionStart,
  loadPlayerScript,
  OFFLINE_PLAYER_PATH,
  offlineReplayFileName,
  pickedFileSink,
  sessionReplayParts,
  writeParts,
  type ExportProgress,
  type FileSink,
  type SaveFilePicker,
} from '@/lib/offline-replay';
import { download } from '@/components/shared/download';
import { reviewDb as db } from './review-db';
import type { Finding, SessionRecord } from '@/lib/contracts';

interface Export {
  fileName: string;
  mime: string;
  description: string;
  extension: string;
  gzip?: boolean;
  /** How many sessions (or clips) the file holds, for the progress. */
  total: number;
  parts(signal: AbortSignal, onStep: (done: number) => void): Promise<AsyncGenerator<string>>;
}

/** Where the File System Access API is there (Chromium), the file is written as it is made. */
function savePicker(): SaveFilePicker | undefined {
  return (window as Window & { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
}

function playerScript(): Promise<string> {
  return loadPlayerScript(fetch, browser.runtime.getURL(OFFLINE_PLAYER_PATH));
}

/**
 * One long export: a button, then how far it has come (bytes, sessions)
 * with a Cancel, then what came of it. The file is streamed: into the file
 * chosen in the save dialog where the browser has one, else into a Blob
 * downloaded at the end.
 */
function StreamedExport({ label, what, make }: { label: string; what: string; make(): Export }) {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [message, setMessage] = useState<{ type: 'status' | 'alert'; text: string } | null>(null);
  const controller = useRef<AbortController | null>(null);
  // Leaving the view stops an export still running.
  useEffect(() => () => controller.current?.abort(), []);

  async function run() {
    const job = make();
    const abort = new AbortController();
    controller.current = abort;
    setMessage(null);
    setProgress({ bytes: 0, done: 0, total: job.total });
    let blob: Blob | null = null;
    try {
      const pick = savePicker();
      // The save dialog first, while the click still counts as the user's.
      const sink: FileSink = pick
        ? await pickedFileSink(pick, {
            suggestedName: job.fileName,
            types: [{ description: job.description, accept: { [job.mime]: [job.extension] } }],
          })
        : blobSink(job.mime, (b) => (blob = b));
      let done = 0;
      const parts = await job.parts(abort.signal, (n) => {
        done = n;
        setProgress((p) => p && { ...p, done: n });
      });
      await writeParts(parts, sink, {
        signal: abort.signal,
        gzip: job.gzip,
        onBytes: (bytes) => setProgress({ bytes, done, total: job.total }),
      });
      if (blob) download(blob, job.fileName);
      setMessage({ type: 'status', text: `Saved ${job.fileName}.` });
    } catch (error) {
      setMessage(
        isAbort(error)
          ? { type: 'status', text: 'Export cancelled: nothing was saved.' }
          : {
              type: 'alert',
              text: `Could not export ${what}: ${error instanceof Error ? error.message : String(error)}`,
            },
      );
    } finally {
      controller.current = null;
      setProgress(null);
    }
  }

  return (
    <span className="streamed-export">
      {progress ? (
        <>
          <span role="status" className="muted" data-testid="export-progress">
            {`Exporting ${what}: ${formatBytes(progress.bytes)}`}
            {progress.total > 1 && `, session ${Math.max(1, progress.done)} of ${progress.total}`}…
          </span>{' '}
          <button type="button" className="button" onClick={() => controller.current?.abort()}>
            Cancel <span className="visually-hidden">{what}</span>
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => void run()}>
          {label}
        </button>
      )}
      {message && (
        <span
          role={message.type}
          className={message.type === 'alert' ? 'notice notice--error' : 'muted'}
        >
          {' '}
          {message.text}
        </span>
      )}
    </span>
  );
}

const HTML = { mime: 'text/html', description: 'Offline replay (HTML)', extension: '.html' };

/** The session's replay as one HTML file that plays from disk, offline. */
export function SessionOfflineReplay({ session }: { session: SessionRecord }) {
  return (
    <StreamedExport
      label="Download offline replay"
      what="the offline replay"
      make={() => ({
        ...HTML,
        fileName: offlineReplayFileName({ type: 'session', session }, new Date()),
        total: 1,
        parts: async (signal, onStep) =>
          sessionReplayParts(db, session.id, {
            playerScript: await playerScript(),
            now: new Date(),
            signal,
            onClip: (i) => onStep(i + 1),
          }),
      })}
    />
  );
}

/** The finding's clip (10 s around its annotations) of every participant who hit it, in one HTML file. */
export function FindingOfflineReplay({ finding }: { finding: Finding }) {
  return (
    <StreamedExport
      label="Offline replay clip"
      what="the clip"
      make={() => ({
        ...HTML,
        fileName: offlineReplayFileName({ type: 'finding', title: finding.title }, new Date()),
        total: finding.sessionIds.length,
        parts: async (signal, onStep) =>
          findingClipParts(db, finding, {
            playerScript: await playerScript(),
            now: new Date(),
            signal,
            onClip: (i) => onStep(i + 1),
          }),
      })}
    />
  );
}

/** Every session of the study in one bundle file (the format import reads back). */
export function StudyBundleExport({ sessions }: { sessions: SessionRecord[] }) {
  return (
    <StreamedExport
      label="Bundle of the whole study"
      what="the study bundle"
      make={() => ({
        mime: 'application/gzip',
        description: 'Study Group bundle',
        extension: '.gz',
        gzip: true,
        fileName: bundleFileName(
          sessions.map((s) => s.title),
          new Date(),
          sessions[0]?.participant,
        ),
        total: sessions.length,
        parts: async (signal, onStep) => {
          const parts = bundleJsonParts(
            db,
            sessions.map((s) => s.id),
            {
              exportedAt: new Date().toISOString(),
              generator: `Study Group ${browser.runtime.getManifest().version}`,
            },
          );
          let started = 0;
          return (async function* () {
            for await (const part of parts) {
              signal.throwIfAborted();
              if (isBundleSessionStart(part)) onStep(++started);
              yield part;
            }
          })();
        },
      })}
    />
  );
}
