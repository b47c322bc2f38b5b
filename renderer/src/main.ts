import { mount } from 'svelte';
import App from './App.svelte';
import { connectStudio } from './lib/api';
import { createFileStaging } from './lib/file-staging';
import { DatasetsWorkspace } from './lib/state/datasets-workspace.svelte';
import { ExploreWorkspace } from './lib/state/explore-workspace.svelte';
import { ExportWorkspace } from './lib/state/export-workspace.svelte';
import { galleryHandOff } from './lib/state/gallery-hand-off';
import { GalleryWorkspace } from './lib/state/gallery-workspace.svelte';
import { Navigation } from './lib/state/navigation.svelte';
import { StudioStatus } from './lib/state/status.svelte';
import { StyleWorkspace } from './lib/state/style-workspace.svelte';
import { GuidedTour } from './lib/state/tour.svelte';
import { TrainingWorkspace } from './lib/state/training-workspace.svelte';
import { TranslateWorkspace } from './lib/state/translate-workspace.svelte';
import './styles/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const connection = connectStudio();
const staging = createFileStaging(window, connection.localPathOf);
const { studio } = connection;
const navigation = new Navigation(window);
const status = new StudioStatus(connection);
const training = new TrainingWorkspace(studio, () => status.info?.backend ?? null);
const explore = new ExploreWorkspace(studio, staging);
const translate = new TranslateWorkspace(studio, staging);
const style = new StyleWorkspace(studio, staging);
const exporting = new ExportWorkspace(studio, staging);
const tour = new GuidedTour(navigation, window.localStorage);
const gallery = new GalleryWorkspace(studio, galleryHandOff({ go: (view) => navigation.go(view), explore, translate, style, training, exporting }));
mount(App, {
  target,
  props: {
    studio,
    navigation,
    status,
    datasets: new DatasetsWorkspace(studio, staging),
    training,
    explore,
    translate,
    style,
    gallery,
    exporting,
    tour,
  },
});
tour.startOnFirstLaunch();
