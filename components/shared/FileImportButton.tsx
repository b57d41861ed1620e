import { useRef } from 'react';

interface Props {
  label: string;
  accept: string;
  testId: string;
  disabled?: boolean;
  onFile(file: File): void;
}

/** A button that picks one file; the input is reset so the same file can be picked again. */
export function FileImportButton({ label, accept, testId, disabled, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
