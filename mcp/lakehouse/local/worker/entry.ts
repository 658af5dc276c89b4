import { runLakehouseWorker } from './worker-main.js';

// Built as dist/mcp/cli/lakehouse-worker.js: the lakehouse query worker's process.
runLakehouseWorker();
