import { useState } from 'react';
import { ConfirmDialog } from '@/components/shared/ConfirmDialog';
import { useReviewStore } from './review-store';

/** Delete, after a confirmation; `title` names the session in the question. */
export function DeleteSession({ id, title }: { id: string; title: string }) {
  const { remove } = useReviewStore.getState();
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${title}?`}
        confirmLabel="Delete session"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(id);
        }}
      >
        <p>
          Its recording and everything noted in it are removed from this browser. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
