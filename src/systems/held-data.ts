import type { ActivityView } from '../processing-activities/view';

type SystemLink = ActivityView['systems'][number];
type CategoryRef = ActivityView['dataCategories'][number]['dataCategory'];

/**
 * The data categories an activity keeps in one of the systems it uses: those its link states, or
 * — when the link states none — every category of the activity, as possibly held there (a breach
 * assessment, or a check for special data, must not miss them; `stated` says which it is).
 */
export function heldIn(activity: ActivityView, link: SystemLink): { stated: boolean; categories: CategoryRef[] } {
  if (link.dataCategories.length > 0) {
    const ids = new Set(link.dataCategories.map((category) => category.id));
    return { stated: true, categories: activity.dataCategories.map((d) => d.dataCategory).filter((d) => ids.has(d.id)) };
  }
  return { stated: false, categories: activity.dataCategories.map((d) => d.dataCategory) };
}
