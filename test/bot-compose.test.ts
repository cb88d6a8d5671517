// The bot's plumbing on its own: steps run in order, unwind innermost first, stop where a step
// answers; and the permission rule every handler asks.
import { describe, expect, it } from "vitest";
import { compose, type Step } from "../src/bot/compose.js";
import { can } from "../src/bot/permissions.js";

describe("compose", () => {
  const trace = (name: string, stop = false): Step<string[]> => async (log, next) => {
    log.push(`${name} in`);
    if (stop) return;
    await next();
    log.push(`${name} out`);
  };

  it("runs the steps in order and unwinds them innermost first", async () => {
    const log: string[] = [];
    await compose([trace("a"), trace("b"), trace("c")])(log);
    expect(log).toEqual(["a in", "b in", "c in", "c out", "b out", "a out"]);
  });

  it("runs none of the later steps once a step answers without calling next", async () => {
    const log: string[] = [];
    await compose([trace("a"), trace("b", true), trace("c")])(log);
    expect(log).toEqual(["a in", "b in", "a out"]);
  });

  it("refuses a step that calls next twice", async () => {
    const twice: Step<string[]> = async (_log, next) => {
      await next();
      await next();
    };
    await expect(compose([twice, trace("b")])([])).rejects.toThrow("next() called twice");
  });
});

describe("can", () => {
  const admin = { role: "admin" as const, unitId: null };
  const reporter = { role: "reporter" as const, unitId: 7 };
  const viewer = { role: "viewer" as const, unitId: null };
  const own = { unitId: 7 };
  const other = { unitId: 8 };

  it("lets a reporter change only their own unit's indicators, and an admin any", () => {
    expect([can(reporter, "submit", own), can(reporter, "submit", other), can(reporter, "submit")]).toEqual([true, false, true]);
    expect([can(admin, "submit", other), can(viewer, "submit"), can(viewer, "submit", own)]).toEqual([true, false, false]);
  });

  it("keeps binding, edits, reminder settings and others' names to admins", () => {
    for (const action of ["bind", "edit", "reminders", "name-others"] as const) {
      expect([can(admin, action), can(reporter, action, own), can(viewer, action)]).toEqual([true, false, false]);
    }
  });
});
