// The kinds of Update row, grouped by what they mean for an indicator's figure.

/**
 * An imported figure older than the indicator's latest update: kept in its history, dated by the
 * report, without changing the current value.
 */
export const IMPORT_HISTORY = "import-history";
/** Update kinds that do not set the current figure: catalogue edits and history-only imports. */
export const NOT_CURRENT = ["config", IMPORT_HISTORY];
/** Update kinds written by importing a report or seeding the plan, not by a member reporting. */
export const IMPORTED = ["seed", "import", IMPORT_HISTORY];
/** Update kinds a member writes by reporting: what 撤销 takes back and what counts as a unit reporting. */
export const REPORTED = ["set", "add", "note"];
