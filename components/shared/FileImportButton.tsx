import { useRef } from 'react';

type Props = {
  label: string;
  accept: string;
  testId: string;
  disabled?: boolean;
} & (
  | { multiple?: false; onFile(file: File): void }
  /** Several files at once, in the order the picker gives them. */
  | { multiple: true; onFiles(files: File[]): void }
);

/** A button that picks a file (or several); the input is reset so the same file can be picked again. */
export function FileImportButton(props: Props) {
  const { label, accept, testId, disabled } = props;
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
        multiple={props.multiple}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length === 0) return;
          if (props.multiple) props.onFiles(files);
          else props.onFile(files[0]!);
        }}
      />
    </>
  );
}
