/**
 * The add-in's function file (manifest <FunctionFile>). The ribbon button opens the task pane
 * (ShowTaskpane), so no command functions are needed yet; Office.onReady must still run.
 */
Office.onReady(() => {
  // Nothing to set up: the Home-tab button shows the task pane.
});
