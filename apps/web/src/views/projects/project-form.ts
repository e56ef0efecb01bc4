import type {
  CreateProjectRequest,
  DuplicatesQuery,
  Fortune500Kind,
  InvestorOrigin,
  ProjectRow,
  ProjectShare,
  ProjectStage,
  UpdateProjectRequest,
} from '@pacer/shared';
import {
  Dec,
  DECIMAL_STRING_PATTERN,
  isCreditCodeFormat,
  isValidCreditCode,
  PROJECT_STAGE_ORDER,
} from '@pacer/shared';

/** The stages a project can be registered at (dropped is an event, never a start). */
export const PATH_STAGES = ['lead', 'negotiating', 'signed', 'started', 'producing'] as const;
export type PathStage = (typeof PATH_STAGES)[number];

/** The API's share text: up to 3 integer digits and 4 decimals (numeric(7,4)). */
export const SHARE_PCT_PATTERN = /^\d{1,3}(\.\d{1,4})?$/;

export interface ShareLine {
  unitId: number | null;
  sharePct: string;
}

export interface ProjectForm {
  name: string;
  investorName: string;
  investorCreditCode: string;
  origin: InvestorOrigin | '';
  industryChain: string;
  /** The 产业链 link (issue 17), among the links of the chain named by `industryChain`. */
  chainLinkId: number | null;
  agreedInvestmentWan: string;
  fortune500Kind: Fortune500Kind | '';
  isChainLeader: boolean;
  isSpecialized: boolean;
  unitId: number | null;
  /** Co-credited units only; the responsible unit keeps the remainder. */
  shares: ShareLine[];
  /** New projects only: the stage it is registered at, and that stage's date. */
  stage: PathStage;
  stageDate: string;
  description: string;
  contact: string;
}

export function emptyProjectForm(unitId: number | null, today: string): ProjectForm {
  return {
    name: '',
    investorName: '',
    investorCreditCode: '',
    origin: '',
    industryChain: '',
    chainLinkId: null,
    agreedInvestmentWan: '',
    fortune500Kind: '',
    isChainLeader: false,
    isSpecialized: false,
    unitId,
    shares: [],
    stage: 'lead',
    stageDate: today,
    description: '',
    contact: '',
  };
}

export function formFromProject(row: ProjectRow, today: string): ProjectForm {
  return {
    name: row.name,
    investorName: row.investorName,
    investorCreditCode: row.investorCreditCode ?? '',
    origin: row.origin,
    industryChain: row.industryChain ?? '',
    chainLinkId: row.chainLinkId,
    agreedInvestmentWan: new Dec(row.agreedInvestmentWan).toFixed(),
    fortune500Kind: row.fortune500Kind ?? '',
    isChainLeader: row.isChainLeader,
    isSpecialized: row.isSpecialized,
    unitId: row.unitId,
    // The row lists every credited unit, the responsible one first; the form edits the others.
    shares: row.shares
      .filter((s) => s.unitId !== row.unitId)
      .map((s) => ({ unitId: s.unitId, sharePct: new Dec(s.sharePct).toFixed() })),
    stage: 'lead',
    stageDate: today,
    description: row.description ?? '',
    contact: row.contact ?? '',
  };
}

/** The credit code as the API stores it: trimmed, upper case. */
export function normaliseCreditCode(text: string): string {
  return text.trim().toUpperCase();
}

/** null when blank or valid; else whether the layout or only the check character is wrong (GB 32100-2015). */
export function creditCodeProblem(text: string): 'format' | 'checksum' | null {
  const code = normaliseCreditCode(text);
  if (code === '') return null;
  if (!isCreditCodeFormat(code)) return 'format';
  return isValidCreditCode(code) ? null : 'checksum';
}

export function isAmountText(text: string): boolean {
  return DECIMAL_STRING_PATTERN.test(text.trim());
}

export type ShareProblem = 'unitRequired' | 'isResponsible' | 'duplicateUnit' | 'format' | 'range';

/** What is wrong with each co-credited line (null when fine). */
export function shareLineProblems(
  shares: readonly ShareLine[],
  responsibleId: number | null,
): (ShareProblem | null)[] {
  return shares.map((line, index) => {
    if (line.unitId === null) return 'unitRequired';
    if (line.unitId === responsibleId) return 'isResponsible';
    if (shares.findIndex((other) => other.unitId === line.unitId) !== index) return 'duplicateUnit';
    const text = line.sharePct.trim();
    if (!SHARE_PCT_PATTERN.test(text)) return 'format';
    const value = new Dec(text);
    if (value.lte(0) || value.gte(100)) return 'range';
    return null;
  });
}

export interface Remainder {
  /** 100 − the co-credited shares (exact), the responsible unit's share; null while a share is not a number. */
  responsiblePct: string | null;
  /** The co-credited shares leave the responsible unit nothing (shares must sum to 100 with it above 0). */
  isExhausted: boolean;
}

/** The responsible unit's share, live as shares are typed: 100 − Σ co-credited. */
export function responsibleRemainder(shares: readonly ShareLine[]): Remainder {
  let sum = new Dec(0);
  for (const line of shares) {
    const text = line.sharePct.trim();
    if (text === '') continue;
    if (!SHARE_PCT_PATTERN.test(text)) return { responsiblePct: null, isExhausted: false };
    sum = sum.plus(text);
  }
  const rest = new Dec(100).minus(sum);
  return { responsiblePct: rest.toFixed(), isExhausted: rest.lte(0) };
}

function sharesOf(form: ProjectForm): ProjectShare[] {
  return form.shares
    .filter((s) => s.unitId !== null)
    .map((s) => ({ unitId: s.unitId!, sharePct: new Dec(s.sharePct.trim()).toFixed() }));
}

function optional(text: string): string | null {
  const value = text.trim();
  return value === '' ? null : value;
}

export function createRequest(form: ProjectForm): CreateProjectRequest {
  return {
    name: form.name.trim(),
    investorName: form.investorName.trim(),
    investorCreditCode: optional(normaliseCreditCode(form.investorCreditCode)),
    origin: form.origin as InvestorOrigin,
    industryChain: optional(form.industryChain),
    chainLinkId: form.chainLinkId,
    agreedInvestmentWan: new Dec(form.agreedInvestmentWan.trim()).toFixed(),
    fortune500Kind: form.fortune500Kind || null,
    isChainLeader: form.isChainLeader,
    isSpecialized: form.isSpecialized,
    unitId: form.unitId!,
    shares: sharesOf(form),
    stage: form.stage,
    stageDate: form.stageDate,
    description: optional(form.description),
    contact: optional(form.contact),
  };
}

function sameShares(a: readonly ProjectShare[], b: readonly ProjectShare[]): boolean {
  if (a.length !== b.length) return false;
  const key = (list: readonly ProjectShare[]) =>
    list
      .map((s) => `${s.unitId}:${new Dec(s.sharePct).toFixed()}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/** Only what changed, with the version read (an untouched field is never sent back stale). */
export function updatePatch(original: ProjectRow, form: ProjectForm): UpdateProjectRequest {
  const next = createRequest(form);
  const patch: UpdateProjectRequest = { version: original.version };
  if (next.name !== original.name) patch.name = next.name;
  if (next.investorName !== original.investorName) patch.investorName = next.investorName;
  if (next.investorCreditCode !== (original.investorCreditCode ?? null))
    patch.investorCreditCode = next.investorCreditCode;
  if (next.origin !== original.origin) patch.origin = next.origin;
  if (next.industryChain !== (original.industryChain ?? null)) patch.industryChain = next.industryChain;
  if (next.chainLinkId !== original.chainLinkId) patch.chainLinkId = next.chainLinkId ?? null;
  if (!new Dec(next.agreedInvestmentWan).eq(original.agreedInvestmentWan))
    patch.agreedInvestmentWan = next.agreedInvestmentWan;
  if (next.fortune500Kind !== (original.fortune500Kind ?? null)) patch.fortune500Kind = next.fortune500Kind;
  if (next.isChainLeader !== original.isChainLeader) patch.isChainLeader = next.isChainLeader;
  if (next.isSpecialized !== original.isSpecialized) patch.isSpecialized = next.isSpecialized;
  const originalOthers = original.shares.filter((s) => s.unitId !== original.unitId);
  if (next.unitId !== original.unitId) patch.unitId = next.unitId;
  if (next.unitId !== original.unitId || !sameShares(next.shares ?? [], originalOthers))
    patch.shares = next.shares;
  if (next.description !== (original.description ?? null)) patch.description = next.description;
  if (next.contact !== (original.contact ?? null)) patch.contact = next.contact;
  return patch;
}

/** What the duplicate check asks about; null while there is too little to compare. */
export function duplicatesQuery(form: ProjectForm, excludeId: number | null): DuplicatesQuery | null {
  const query: DuplicatesQuery = {};
  const name = form.name.trim();
  const investor = form.investorName.trim();
  const code = normaliseCreditCode(form.investorCreditCode);
  if (name.length >= 2) query.name = name.slice(0, 200);
  if (investor.length >= 2) query.investorName = investor.slice(0, 200);
  if (code && creditCodeProblem(code) === null) query.investorCreditCode = code;
  if (isAmountText(form.agreedInvestmentWan))
    query.agreedInvestmentWan = new Dec(form.agreedInvestmentWan.trim()).toFixed();
  // Without a credit code the server compares the investor and the name; with neither it has nothing to go on.
  if (!query.investorCreditCode && !(query.investorName && query.name)) return null;
  if (excludeId !== null) query.excludeId = excludeId;
  return query;
}

type StageDates = Pick<
  ProjectRow,
  | 'stage'
  | 'leadDate'
  | 'negotiatingDate'
  | 'signedDate'
  | 'startedDate'
  | 'producingDate'
  | 'droppedDate'
  | 'registeredDate'
>;

/**
 * Whether a stage event will be a correction (an earlier date, a step back, leaving dropped), the same rule as
 * the API's: then a reason is required. Used to ask for it before the server does.
 */
export function isLikelyCorrection(
  project: StageDates,
  stage: ProjectStage | 'registered',
  date: string,
): boolean {
  if (!date) return false;
  if (stage === 'registered') return project.registeredDate !== null && date < project.registeredDate;
  const dates = [
    project.leadDate,
    project.negotiatingDate,
    project.signedDate,
    project.startedDate,
    project.producingDate,
    project.droppedDate,
  ].filter((d): d is string => d !== null);
  const latest = dates.sort().at(-1) ?? null;
  const isEarlier = latest !== null && date < latest;
  if (stage === 'dropped') return isEarlier;
  const isBackwards =
    project.stage === 'dropped' || PROJECT_STAGE_ORDER[stage] < PROJECT_STAGE_ORDER[project.stage];
  return isBackwards || isEarlier;
}

/**
 * After a 409: the fields the user changed keep the user's value, the others take the fresh value (someone
 * else's change is not undone by a field this user never touched).
 */
export function mergeAfterConflict(
  original: ProjectRow,
  fresh: ProjectRow,
  form: ProjectForm,
  today: string,
): ProjectForm {
  const before = formFromProject(original, today);
  const latest = formFromProject(fresh, today);
  const merged: ProjectForm = { ...form };
  const record = merged as unknown as Record<string, unknown>;
  for (const key of Object.keys(form) as (keyof ProjectForm)[]) {
    if (key === 'stage' || key === 'stageDate') continue;
    if (JSON.stringify(form[key]) === JSON.stringify(before[key])) record[key] = latest[key];
  }
  return merged;
}
