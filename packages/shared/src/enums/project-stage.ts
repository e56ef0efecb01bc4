/** A project's life (DOMAIN.md §2), in order; `dropped` may end it at any time. */
export const ProjectStage = {
  Lead: 'lead',
  Negotiating: 'negotiating',
  Signed: 'signed',
  Started: 'started',
  Producing: 'producing',
  Dropped: 'dropped',
} as const;
export type ProjectStage = (typeof ProjectStage)[keyof typeof ProjectStage];
export const PROJECT_STAGES: readonly ProjectStage[] = Object.values(ProjectStage);
/** Position of each stage on the forward path; `dropped` is outside it. */
export const PROJECT_STAGE_ORDER: Readonly<Record<ProjectStage, number>> = {
  lead: 0,
  negotiating: 1,
  signed: 2,
  started: 3,
  producing: 4,
  dropped: 99,
};
