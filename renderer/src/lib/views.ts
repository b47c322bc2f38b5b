/** The studio's views, in navigation order; digit keys 1–8 jump to them. */
export const views = [
  {
    id: 'library',
    label: 'Library',
    icon: 'M4 5h6l2 2h8v12H4z',
  },
  {
    id: 'datasets',
    label: 'Datasets',
    icon: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  },
  {
    id: 'train',
    label: 'Train',
    icon: 'M4 19l5-6 4 3 7-10M4 4v15h16',
  },
  {
    id: 'explore',
    label: 'Explore',
    icon: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8',
  },
  {
    id: 'translate',
    label: 'Translate',
    icon: 'M4 7h11l-3-3M20 17H9l3 3',
  },
  {
    id: 'style',
    label: 'Style',
    icon: 'M14 4l6 6-9 9H5v-6zM12 6l6 6',
  },
  {
    id: 'gallery',
    label: 'Gallery',
    icon: 'M4 5h16v14H4zM4 15l5-5 4 4 3-3 4 4',
  },
  {
    id: 'export',
    label: 'Export',
    icon: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  },
] as const;

export type View = (typeof views)[number];
export type ViewId = View['id'];

export function findView(id: string): View | undefined {
  return views.find((view) => view.id === id);
}
