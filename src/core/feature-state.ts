import type { z } from "zod";
import type { FeatureContext } from "./types.js";

/** A feature's own part of the conversation state, checked against its schema ({} when absent or outdated). */
export function readFeatureState<S extends z.ZodType<object>>(
  ctx: FeatureContext,
  name: string,
  schema: S,
): z.infer<S> {
  const parsed = schema.safeParse(ctx.state.features?.[name]);
  return parsed.success ? parsed.data : ({} as z.infer<S>);
}

/** Writes it back (the router saves the conversation after the feature returns); an empty part is removed. */
export function writeFeatureState(ctx: FeatureContext, name: string, value: object): void {
  const features = { ...ctx.state.features };
  const empty = Object.values(value).every((v) => v === undefined);
  if (empty) delete features[name];
  else features[name] = value;
  ctx.state.features = Object.keys(features).length > 0 ? features : undefined;
}
