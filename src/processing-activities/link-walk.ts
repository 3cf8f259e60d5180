import type { JsonObject } from '../http/dto';
import type { BuildingBlockKey } from '../resources';
import { activityLinks, flatItem, isFlat, partsOf, unstatedValue, type ListPart, type RefPart } from './links';
import type { ActivityInput, ActivityView } from './view';

/**
 * Walks over an activity's links as the catalogue (links.ts) declares them, in its three shapes:
 * the representation (references as objects), the request (ids) and the register document
 * (names). Every consumer that needs "each link of an activity" goes through here, so a new link
 * kind is walked everywhere once it is in the catalogue.
 */

export interface LinkedRef {
  /** JSON Pointer of the reference in the representation, e.g. `/purposes/0/legalBases/1`. */
  pointer: string;
  target: BuildingBlockKey;
  ref: { id: string; name: string } & JsonObject;
}

/** Every reference of an activity's representation, with where it is, in catalogue order. */
export function linkedRefs(view: Pick<ActivityView, 'id'> & JsonObject): LinkedRef[] {
  const out: LinkedRef[] = [];
  const visit = (list: ListPart, items: JsonObject[] | undefined, at: string) => {
    (items ?? []).forEach((item, i) => {
      const here = `${at}/${list.field}/${i}`;
      if (isFlat(list)) {
        out.push({ pointer: here, target: list.item.target, ref: item as LinkedRef['ref'] });
        return;
      }
      for (const part of partsOf(list)) {
        if (part.part === 'ref' && item[part.field])
          out.push({ pointer: `${here}/${part.field}`, target: part.target, ref: item[part.field] });
        if (part.part === 'list') visit(part, item[part.field], here);
      }
    });
  };
  for (const list of activityLinks) visit(list, view[list.field], '');
  return out;
}

/** The ids an activity links to, by building block. */
export function linkedIds(views: Iterable<JsonObject>): Map<BuildingBlockKey, Set<string>> {
  const ids = new Map<BuildingBlockKey, Set<string>>();
  for (const view of views) {
    for (const { target, ref } of linkedRefs(view as ActivityView)) {
      let set = ids.get(target);
      if (!set) ids.set(target, (set = new Set()));
      set.add(ref.id);
    }
  }
  return ids;
}

/**
 * The link lists of the representation or of a register document (both in the representation's
 * field names) as a request: part by part, a reference through `resolve`, link columns as they
 * are (unstated: what the row holds then), nested lists recursively. A flat list with columns
 * becomes `{ id, …columns }` items, so two equal lists compare equal whichever shape they came from.
 */
function asRequest(source: JsonObject, key: 'id' | 'name', resolve: (part: RefPart, value: unknown) => string): JsonObject {
  const list = (spec: ListPart, items: unknown): unknown[] =>
    ((items as unknown[] | null | undefined) ?? []).map((item) => {
      if (isFlat(spec)) {
        if (!spec.columns?.length) return resolve(spec.item, item);
        const { ref, columns } = flatItem(spec, item, key);
        return { id: resolve(spec.item, ref), ...columns };
      }
      const object = item as JsonObject;
      return Object.fromEntries(
        partsOf(spec).map((part) => {
          if (part.part === 'ref')
            return [part.input, part.optional && object[part.field] == null ? null : resolve(part, object[part.field])];
          if (part.part === 'column') return [part.field, object[part.field] ?? unstatedValue(part, object)];
          return [part.input, list(part, object[part.field])];
        }),
      );
    });
  return Object.fromEntries(activityLinks.map((spec) => [spec.input, list(spec, source[spec.field])]));
}

/** The stored activity's links in the shape of a request (ids), so a patch can be merged onto it. */
export function linksAsInput(view: ActivityView): ActivityInput {
  return asRequest(view as unknown as JsonObject, 'id', (_part, ref) =>
    typeof ref === 'string' ? ref : (ref as { id: string }).id,
  ) as ActivityInput;
}

/**
 * A register document's links (entries named — legal bases by code — in the representation's
 * field names) as a request, each name resolved by `idOf`.
 */
export function linksFromDocument(item: JsonObject, idOf: (target: BuildingBlockKey, name: string) => string): ActivityInput {
  return asRequest(item, 'name', (part, name) => idOf(part.target, name as string)) as ActivityInput;
}

/** The link fields of a request and of the representation (and document). */
export const linkInputFields: string[] = activityLinks.map((list) => list.input);
export const linkViewFields: string[] = activityLinks.map((list) => list.field);
