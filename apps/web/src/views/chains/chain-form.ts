import type {
  ChainDetail,
  ChainLinkInput,
  ChainSegment,
  CreateChainRequest,
  UpdateChainRequest,
} from '@pacer/shared';

/** A link row of the form: an existing link keeps its id; targets are company names (the 客商库 finds or adds each). */
export interface ChainLinkLine {
  id?: number;
  segment: ChainSegment;
  name: string;
  targets: string[];
}

export interface ChainForm {
  name: string;
  description: string;
  leaderName: string;
  leaderTitle: string;
  leadUnitId: number | null;
  taskForceUnitId: number | null;
  links: ChainLinkLine[];
}

export function emptyChainForm(name = ''): ChainForm {
  return { name, description: '', leaderName: '', leaderTitle: '', leadUnitId: null, taskForceUnitId: null, links: [] };
}

export function formFromChain(chain: ChainDetail): ChainForm {
  return {
    name: chain.name,
    description: chain.description ?? '',
    leaderName: chain.leaderName ?? '',
    leaderTitle: chain.leaderTitle ?? '',
    leadUnitId: chain.leadUnitId,
    taskForceUnitId: chain.taskForceUnitId,
    links: chain.links.map((l) => ({ id: l.id, segment: l.segment, name: l.name, targets: l.targets.map((x) => x.companyName) })),
  };
}

function optional(text: string): string | null {
  const value = text.trim();
  return value === '' ? null : value;
}

/** Target names trimmed, blanks and repeats (ignoring spaces and case, as the 客商库 does) dropped. */
export function targetNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const key = name.replace(/\s/g, '').toLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
  }
  return kept;
}

/**
 * The links as the API takes them, in the form's order. A target already on the chain under the same name keeps its
 * note (the note is edited elsewhere): only names are sent, so the server keeps an existing company's row.
 */
export function linkInputs(form: ChainForm, original: ChainDetail | null): ChainLinkInput[] {
  return form.links.map((line) => {
    const before = original?.links.find((l) => l.id === line.id);
    const names = targetNames(line.targets);
    const targets = names.map((name) => {
      const known = before?.targets.find((x) => x.companyName === name);
      return known?.note ? { name, note: known.note } : { name };
    });
    return {
      ...(line.id !== undefined ? { id: line.id } : {}),
      segment: line.segment,
      name: line.name.trim(),
      targets,
    };
  });
}

export function createRequest(form: ChainForm): CreateChainRequest {
  return {
    name: form.name.trim(),
    description: optional(form.description),
    leaderName: optional(form.leaderName),
    leaderTitle: optional(form.leaderTitle),
    leadUnitId: form.leadUnitId,
    taskForceUnitId: form.taskForceUnitId,
    links: linkInputs(form, null),
  };
}

/** What changed, with the version read; the link list is sent whole when any link or target changed. */
export function updateRequest(original: ChainDetail, form: ChainForm): UpdateChainRequest {
  const next = createRequest(form);
  const patch: UpdateChainRequest = { version: original.version };
  if (next.name !== original.name) patch.name = next.name;
  if (next.description !== original.description) patch.description = next.description;
  if (next.leaderName !== original.leaderName) patch.leaderName = next.leaderName;
  if (next.leaderTitle !== original.leaderTitle) patch.leaderTitle = next.leaderTitle;
  if (next.leadUnitId !== original.leadUnitId) patch.leadUnitId = next.leadUnitId;
  if (next.taskForceUnitId !== original.taskForceUnitId) patch.taskForceUnitId = next.taskForceUnitId;
  const links = linkInputs(form, original);
  const before = original.links.map((l) => ({
    id: l.id,
    segment: l.segment,
    name: l.name,
    targets: l.targets.map((x) => x.companyName),
  }));
  const after = links.map((l) => ({ id: l.id, segment: l.segment, name: l.name, targets: (l.targets ?? []).map((x) => x.name) }));
  if (JSON.stringify(before) !== JSON.stringify(after)) patch.links = links;
  return patch;
}

/** Moves a link one place up (-1) or down (+1); out of range is a no-op. */
export function moveLink(links: ChainLinkLine[], index: number, step: -1 | 1): void {
  const to = index + step;
  if (to < 0 || to >= links.length) return;
  const [line] = links.splice(index, 1);
  links.splice(to, 0, line!);
}
