// Middleware in the manner of grammY's Composer: each step does its part of a turn and calls
// `next` to let the later steps run (or does not, when it has answered). Code after `await
// next()` runs once the later steps are done, innermost first.

export type Next = () => Promise<void>;
export type Step<C> = (ctx: C, next: Next) => Promise<void>;

/** The steps as one: runs them in order over the same context. */
export function compose<C>(steps: Step<C>[]): (ctx: C) => Promise<void> {
  return (ctx) => {
    let last = -1;
    const run = async (i: number): Promise<void> => {
      // a step calling next twice would run the rest twice: a bug, said loudly
      if (i <= last) throw new Error("next() called twice in one step");
      last = i;
      const step = steps[i];
      if (step) await step(ctx, () => run(i + 1));
    };
    return run(0);
  };
}
