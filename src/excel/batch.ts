/**
 * A write batch over one Excel.RequestContext: commands are queued until the next one would take the request
 * past the payload budget, then synced. Each batch suspends calculation (and screen updating where ExcelApi 1.9
 * is supported) once, so Excel recalculates and repaints once per sync, not per command.
 */

/** Bytes per sync the port aims for: Excel on the web refuses requests and responses over 5 MB. */
export const SYNC_BUDGET = 4 * 1024 * 1024;
/** What one command costs in a request besides its data (object path, method, property). */
export const COMMAND_BYTES = 160;

export class WriteBatch {
  private bytes = 0;
  private open = false;
  syncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly screenUpdating: boolean,
    readonly budget = SYNC_BUDGET
  ) {}

  /** Makes room for a command of this many bytes (syncing first when the batch is full), then counts it. */
  async reserve(bytes: number): Promise<void> {
    if (this.open && this.bytes + bytes > this.budget) await this.sync();
    if (!this.open) this.begin();
    this.bytes += bytes;
  }

  private begin(): void {
    this.context.workbook.application.suspendApiCalculationUntilNextSync();
    if (this.screenUpdating) this.context.workbook.application.suspendScreenUpdatingUntilNextSync();
    this.open = true;
    this.bytes = 2 * COMMAND_BYTES;
  }

  async sync(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.open = false;
    this.bytes = 0;
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.open) await this.sync();
  }
}
