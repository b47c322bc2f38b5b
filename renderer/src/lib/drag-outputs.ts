/** Outputs dragged from the grid onto a collection or another cell travel as this type, a JSON list of ids. */
export const outputsDragType = 'application/x-latent-studio-outputs';

export function readDraggedOutputs(transfer: DataTransfer | null): number[] | null {
  const text = transfer?.getData(outputsDragType);
  if (!text) return null;
  const ids: unknown = JSON.parse(text);
  return Array.isArray(ids) && ids.every((id) => Number.isInteger(id)) ? (ids as number[]) : null;
}
