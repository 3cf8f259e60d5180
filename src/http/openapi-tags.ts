/** The sections (OpenAPI tags) of the API docs. Each route plugin declares its own with `app.declareTag`. */

/** A section of the docs: its name and what it holds. */
export interface OpenApiTag {
  name: string;
  description: string;
}

/**
 * Ranks of the sections in reading order: the register as a whole, its records, their building
 * blocks, then the rest. Sections of equal rank keep the order they were declared in.
 */
export const tagRank = {
  register: 10,
  findings: 20,
  activities: 30,
  buildingBlocks: 40,
  notice: 50,
  history: 60,
  webhooks: 65,
  administration: 70,
};
