import { mount } from 'svelte';
import App from './App.svelte';
import { connectStudio } from './lib/api';
import { createFileStaging } from './lib/file-staging';
import { DatasetsWorkspace } from './lib/state/datasets-workspace.svelte';
import { Navigation } from './lib/state/navigation.svelte';
import { StudioStatus } from './lib/state/status.svelte';
import { TrainingWorkspace } from './lib/state/training-workspace.svelte';
import './styles/theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const connection = connectStudio();
mount(App, {
  target,
  props: {
    studio: connection.studio,
    navigation: new Navigation(window),
    status: new StudioStatus(connection),
    datasets: new DatasetsWorkspace(connection.studio, createFileStaging(window, connection.localPathOf)),
    training: new TrainingWorkspace(connection.studio),
  },
});
