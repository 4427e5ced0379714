/// <reference lib="webworker" />
/**
 * Encodes a still as PNG off the page's thread: a 4× still is ~13 megapixels, and the page's own
 * canvas.toBlob held its main thread for most of a second here.
 */
self.addEventListener('message', (event: MessageEvent<{ bitmap: ImageBitmap }>) => {
  const { bitmap } = event.data ?? {};
  if (!(bitmap instanceof ImageBitmap)) return;
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  void canvas.convertToBlob({ type: 'image/png' }).then(
    (blob) => self.postMessage({ blob }),
    (error: unknown) => self.postMessage({ error: String(error) }),
  );
});
