#!/usr/bin/env node
/** The `latent-studio` command. */
import { defaultIo } from './context';
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), defaultIo());
