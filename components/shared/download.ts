/** Save a blob under a file name, as the browser's download of a link would. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by then; the URL only holds the blob in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
