import { usePopupStore } from './popup-store';

/** Why the last session stopped by itself (storage full, over its budget), if it did. */
export function EndNotice() {
  const lastEnded = usePopupStore((s) => s.lastEnded);
  const reason = lastEnded?.endReason;
  const stoppedBecause =
    reason?.type === 'storage-full' || reason?.type === 'over-budget' ? reason.message : null;
  if (!stoppedBecause) return null;
  return (
    <p role="status" className="notice notice--warning">
      “{lastEnded?.title}”: {stoppedBecause}
    </p>
  );
}
