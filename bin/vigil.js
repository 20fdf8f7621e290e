#!/usr/bin/env node
'use strict';
// The CLI runs from the compiled tree, which `npm install` builds through the `prepare` script.
void require('../dist/apps/cli/src/main.js').runCli(process.argv);
