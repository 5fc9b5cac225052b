/**
 * Errors from Excel (OfficeExtension.Error: `code`, `message`, `debugInfo.errorLocation`) in plain words.
 * Errors the port raises itself are already plain and pass through unchanged.
 */

interface OfficeLikeError {
  code: string;
  message?: string;
  debugInfo?: { errorLocation?: string; message?: string };
}

export function isOfficeError(e: unknown): e is OfficeLikeError {
  return typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";
}

export function officeErrorCode(e: unknown): string | null {
  return isOfficeError(e) ? e.code : null;
}

const PLAIN: Record<string, string> = {
  RequestPayloadSizeLimitExceeded: "Excel could not take that much data in one go",
  ItemNotFound:
    "something the add-in needed is no longer in the workbook (a sheet may have been renamed or deleted)",
  ItemAlreadyExists: "a sheet or table of that name already exists",
  InvalidArgument: "Excel refused a value the add-in gave it",
  InvalidOperation: "Excel refused the change",
  InvalidReference: "a cell reference was not valid",
  AccessDenied: "the workbook is protected or open read-only",
  ApiNotFound: "this version of Excel does not offer a feature the add-in used",
  GeneralException: "Excel reported an internal error",
  Conflict: "someone else changed the workbook at the same time",
  EditModeCannotAuthor: "a cell is being edited; press Enter or Esc in the sheet and try again",
  ActivityLimitReached: "Excel is busy with too many requests",
  RequestAborted: "the request was interrupted",
  Unauthenticated: "you are no longer signed in",
};

/**
 * "Excel stopped while writing the report sheets: the workbook is protected or open read-only
 * (Excel's code AccessDenied, at Worksheet.delete). Your sheets were left as they were."
 */
export function plainError(
  e: unknown,
  action: string,
  after = "Your sheets were left as they were."
): Error {
  if (!isOfficeError(e)) return e instanceof Error ? e : new Error(String(e));
  const what =
    PLAIN[e.code] ?? (e.message ? `Excel said: ${e.message}` : "Excel reported an error");
  const where = e.debugInfo?.errorLocation ? `, at ${e.debugInfo.errorLocation}` : "";
  const err = new Error(
    `Excel stopped while ${action}: ${what} (Excel's code ${e.code}${where}). ${after}`.trim()
  );
  (err as Error & { code?: string }).code = e.code;
  return err;
}
