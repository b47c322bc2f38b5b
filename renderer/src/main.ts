import { mount } from 'svelte';
import App from './App.svelte';
import { connectStudio } from './lib/api';
import { createFileStaging } from './lib/file-staging';
import { DatasetsWorkspace } from './lib/state/datasets-workspace.svelte';
import { ExploreWorkspace } from './lib/state/explore-workspace.svelte';
import { Navigation } from './lib/state/navigation.svelte';
import { StudioStatus } from './lib/state/status.svelte';
import { StyleWorkspace } from './lib/state/style-workspace.svelte';
import { TrainingWorkspace } from './lib/state/training-workspace.svelte';
import { TranslateWorkspace } from './lib/state/translate-workspace.svelte';
import './styles/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const connection = connectStudio();
const staging = createFileStaging(window, connection.localPathOf);
mount(App, {
  target,
  props: {
    studio: connection.studio,
    navigation: new Navigation(window),
    status: new StudioStatus(connection),
    datasets: new DatasetsWorkspace(connection.studio, staging),
    training: new TrainingWorkspace(connection.studio),
    explore: new ExploreWorkspace(connection.studio, staging),
    translate: new TranslateWorkspace(connection.studio, staging),
    style: new StyleWorkspace(connection.studio, staging),
  },
});
