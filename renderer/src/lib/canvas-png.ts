/** A canvas as PNG in base64, the form the translate API takes drawings in. */
export async function canvasPngBase64(canvas: HTMLCanvasElement): Promise<string> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The drawing could not be encoded as PNG.');
  return base64Of(new Uint8Array(await blob.arrayBuffer()));
}

/** In slices: spreading a whole image's bytes into one call overflows the stack. */
export function base64Of(bytes: Uint8Array): string {
  const slice = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += slice) binary += String.fromCharCode(...bytes.subarray(start, start + slice));
  return btoa(binary);
}
