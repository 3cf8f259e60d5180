import type { DataSource } from 'typeorm';
import type { DataFlow, FlowEndKind } from '../../entities/data-flow';
import { flowEndTables } from '../data-flows/resource';
import { notFound, validationFailed } from '../errors';
import type { JsonObject } from '../http/dto';
import { activityColumns } from '../processing-activities/read-model';
import type { ActivityView } from '../processing-activities/view';
import { heldIn } from '../systems/held-data';
import { dataMapDot, DiagramRenderer } from './diagram';
import type {
  DataCategoryImpactResponse,
  DataMapEdge,
  DataMapNode,
  DataMapResponse,
  ImpactFlow,
  SystemImpactActivity,
  SystemImpactResponse,
} from './dto';

type Ref = { id: string; name: string };
type SystemLink = ActivityView['systems'][number];

const byName = <T extends Ref>(items: Iterable<T>): T[] =>
  [...items].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));

/** Entries by id, first seen kept: the union of lists of references. */
function union<T extends Ref>(lists: Iterable<T[]>): T[] {
  const found = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!found.has(item.id)) found.set(item.id, item);
  return byName(found.values());
}

const nodeId = (kind: FlowEndKind, id: string) => `${kind}:${id}`;

/**
 * The data map: where personal data lives and how it moves. Impact queries answer "this system
 * (or this data category) is affected: what is behind it?"; the graph joins the flows the
 * activities imply (data subjects → collection channels → the activity's systems → its
 * recipients, with their transfers) and the flows recorded as data-flow entries.
 */
export class DataMapService {
  private readonly renderer = new DiagramRenderer();

  constructor(private readonly dataSource: DataSource) {}

  /** The data map as an SVG diagram, laid out by Graphviz. */
  async diagram(query: { activityId?: string; systemId?: string }): Promise<string> {
    const map = await this.dataMap(query);
    const focus = query.activityId
      ? `processing activity "${(await this.dataSource.query('SELECT name FROM processing_activities WHERE id = $1', [query.activityId]))[0].name}"`
      : query.systemId
        ? `around system "${map.nodes.find((node) => node.id === `system:${query.systemId}`)?.name}"`
        : 'the register';
    return this.renderer.svg(dataMapDot(map, `Data map: ${focus}`));
  }

  private activities(where: string, params: unknown[]): Promise<ActivityView[]> {
    return this.dataSource.query(
      `SELECT ${activityColumns} FROM processing_activities a WHERE ${where} ORDER BY lower(a.name), a.id`,
      params,
    );
  }

  private async system(id: string): Promise<SystemImpactResponse['system']> {
    const [row] = await this.dataSource.query(
      'SELECT id, name, kind, to_json(hosting_countries) AS "hostingCountries" FROM systems WHERE id = $1',
      [id],
    );
    if (!row) throw notFound('system', id);
    return row;
  }

  private flows(where: string, params: unknown[]): Promise<DataFlow[]> {
    return this.dataSource.query(
      `SELECT id, name, from_kind AS "fromKind", from_id AS "fromId", to_kind AS "toKind", to_id AS "toId",
              to_json(data_category_ids) AS "dataCategoryIds", transfer_country AS "transferCountry",
              (SELECT code FROM legal_bases lb WHERE lb.id = f.transfer_mechanism_id) AS "transferMechanism"
         FROM data_flows f WHERE (f.retired_at IS NULL OR f.retired_at > now()) AND ${where} ORDER BY lower(f.name), f.id`,
      params,
    );
  }

  /** Names (and details) of flow ends and categories, by kind and id, one query per kind. */
  private async names(ids: Map<FlowEndKind | 'data-category', Set<string>>): Promise<Map<string, JsonObject>> {
    const found = new Map<string, JsonObject>();
    for (const [kind, set] of ids) {
      if (set.size === 0) continue;
      const table = kind === 'data-category' ? 'data_categories' : flowEndTables[kind].table;
      const rows: JsonObject[] = await this.dataSource.query(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.id = ANY($1::uuid[])`, [
        [...set],
      ]);
      for (const { row } of rows) found.set(`${kind}:${row.id}`, row);
    }
    return found;
  }

  async systemImpact(id: string): Promise<SystemImpactResponse> {
    const system = await this.system(id);
    const activities = await this.activities('EXISTS (SELECT 1 FROM activity_systems x WHERE x.activity_id = a.id AND x.system_id = $1)', [
      id,
    ]);
    const using: SystemImpactActivity[] = activities.map((activity) => {
      const held = heldIn(
        activity,
        activity.systems.find((link) => link.system.id === id)!,
      );
      return {
        id: activity.id,
        name: activity.name,
        status: activity.status,
        role: activity.role,
        dataCategoriesStated: held.stated,
        dataCategories: held.categories,
      };
    });
    const flows = await this.flows(`(f.from_id = $1 AND f.from_kind = 'system') OR (f.to_id = $1 AND f.to_kind = 'system')`, [id]);
    const ends = new Map<FlowEndKind, Set<string>>();
    for (const flow of flows) {
      const [kind, other] = flow.fromId === id && flow.fromKind === 'system' ? [flow.toKind, flow.toId] : [flow.fromKind, flow.fromId];
      (ends.get(kind) ?? ends.set(kind, new Set()).get(kind)!).add(other);
    }
    const named = await this.names(ends);
    return {
      system,
      activities: using,
      dataCategories: union(using.map((activity) => activity.dataCategories)),
      dataSubjectCategories: union(activities.map((activity) => activity.dataSubjectCategories)),
      recipients: union(activities.map((activity) => activity.recipients.map((r) => r.recipient))),
      transfers: activities.flatMap((activity) =>
        activity.transfers.map((transfer) => ({
          activity: { id: activity.id, name: activity.name },
          recipient: transfer.recipient,
          destination: transfer.destination,
          country: transfer.country ?? null,
          internationalOrganisation: transfer.internationalOrganisation ?? null,
          mechanism: transfer.mechanism ?? null,
        })),
      ),
      flows: flows.map((flow): ImpactFlow => {
        const out = flow.fromId === id && flow.fromKind === 'system';
        const [kind, other] = out ? [flow.toKind, flow.toId] : [flow.fromKind, flow.fromId];
        return {
          id: flow.id,
          name: flow.name,
          direction: out ? 'out' : 'in',
          other: { kind, id: other, name: named.get(`${kind}:${other}`)?.name ?? '' },
        };
      }),
    };
  }

  async dataCategoryImpact(id: string): Promise<DataCategoryImpactResponse> {
    const [dataCategory] = await this.dataSource.query('SELECT id, name, sensitivity FROM data_categories WHERE id = $1', [id]);
    if (!dataCategory) throw notFound('data category', id);
    const activities = await this.activities(
      'EXISTS (SELECT 1 FROM activity_data_categories x WHERE x.activity_id = a.id AND x.data_category_id = $1)',
      [id],
    );
    const systems = new Map<string, { system: SystemLink['system']; stated: boolean; activities: Ref[] }>();
    const rows = activities.map((activity) => {
      const holding = activity.systems.filter((link) => heldIn(activity, link).categories.some((category) => category.id === id));
      for (const link of holding) {
        const entry = systems.get(link.system.id) ?? { system: link.system, stated: false, activities: [] };
        entry.stated ||= heldIn(activity, link).stated;
        entry.activities.push({ id: activity.id, name: activity.name });
        systems.set(link.system.id, entry);
      }
      return {
        id: activity.id,
        name: activity.name,
        status: activity.status,
        role: activity.role,
        systems: holding.map((link) => link.system),
      };
    });
    const flows = await this.flows('$1 = ANY(f.data_category_ids)', [id]);
    return {
      dataCategory,
      systems: [...systems.values()].sort((a, b) => a.system.name.toLowerCase().localeCompare(b.system.name.toLowerCase())),
      activities: rows,
      flows: flows.map((flow) => ({ id: flow.id, name: flow.name })),
    };
  }

  /** The graph of the register, of one activity, or around one system. */
  async dataMap(query: { activityId?: string; systemId?: string }): Promise<DataMapResponse> {
    if (query.activityId && query.systemId) {
      throw validationFailed([{ in: 'query', path: '/systemId', message: 'give activityId or systemId, not both' }]);
    }
    let activities: ActivityView[];
    if (query.activityId) {
      activities = await this.activities('a.id = $1', [query.activityId]);
      if (activities.length === 0) throw notFound('processing activity', query.activityId);
    } else if (query.systemId) {
      await this.system(query.systemId);
      activities = await this.activities(
        `a.status <> 'retired' AND EXISTS (SELECT 1 FROM activity_systems x WHERE x.activity_id = a.id AND x.system_id = $1)`,
        [query.systemId],
      );
    } else {
      activities = await this.activities(`a.status <> 'retired'`, []);
    }

    const graph = new Graph();
    if (!query.activityId && !query.systemId) {
      // The whole map shows every system in use, also one no activity links (a finding of its own).
      const systems: JsonObject[] = await this.dataSource.query(
        `SELECT id, name, kind, to_json(hosting_countries) AS "hostingCountries" FROM systems
          WHERE retired_at IS NULL OR retired_at > now() ORDER BY lower(name), id`,
      );
      for (const system of systems) graph.node('system', system);
    }
    for (const activity of activities) derive(graph, activity);
    if (query.systemId) graph.keepAround(nodeId('system', query.systemId));

    const flows = await this.flows(
      query.systemId
        ? `(f.from_id = $1 AND f.from_kind = 'system') OR (f.to_id = $1 AND f.to_kind = 'system')`
        : query.activityId
          ? `f.from_id = ANY($1::uuid[]) OR f.to_id = ANY($1::uuid[])`
          : 'TRUE',
      query.systemId ? [query.systemId] : query.activityId ? [activities[0]!.systems.map((link) => link.system.id)] : [],
    );
    const wanted = new Map<FlowEndKind | 'data-category', Set<string>>();
    const want = (kind: FlowEndKind | 'data-category', id: string) => (wanted.get(kind) ?? wanted.set(kind, new Set()).get(kind)!).add(id);
    for (const flow of flows) {
      want(flow.fromKind, flow.fromId);
      want(flow.toKind, flow.toId);
      for (const category of flow.dataCategoryIds) want('data-category', category);
    }
    const named = await this.names(wanted);
    for (const flow of flows) {
      const from = named.get(`${flow.fromKind}:${flow.fromId}`);
      const to = named.get(`${flow.toKind}:${flow.toId}`);
      if (!from || !to) continue; // an end deleted since the flow was recorded
      graph.node(flow.fromKind, from);
      graph.node(flow.toKind, to);
      const edge = graph.edge('recorded', nodeId(flow.fromKind, flow.fromId), nodeId(flow.toKind, flow.toId), `:${flow.id}`);
      edge.flow = { id: flow.id, name: flow.name };
      for (const category of flow.dataCategoryIds) {
        const row = named.get(`data-category:${category}`);
        if (row) edge.categories.set(category, { id: category, name: row.name });
      }
      const mechanism = (flow as unknown as { transferMechanism: string | null }).transferMechanism;
      if (flow.transferCountry || mechanism) {
        edge.transfers.set(`${flow.transferCountry}|${mechanism}`, {
          destination: flow.transferCountry ? 'country' : 'not-stated',
          country: flow.transferCountry,
          mechanism,
        });
      }
    }
    return {
      scope: query.activityId
        ? { kind: 'activity', id: query.activityId }
        : query.systemId
          ? { kind: 'system', id: query.systemId }
          : { kind: 'register', id: null },
      ...graph.result(),
    };
  }
}

interface EdgeDraft {
  id: string;
  from: string;
  to: string;
  origin: 'derived' | 'recorded';
  activities: Map<string, Ref>;
  categories: Map<string, Ref>;
  transfers: Map<string, DataMapEdge['transfers'][number]>;
  flow: Ref | null;
}

/** Nodes and edges as they are found; edges with the same ends and origin merge. */
class Graph {
  private readonly nodes = new Map<string, DataMapNode>();
  private readonly edges = new Map<string, EdgeDraft>();

  node(kind: FlowEndKind, entry: JsonObject): string {
    const id = nodeId(kind, entry.id);
    if (!this.nodes.has(id)) this.nodes.set(id, { id, kind, entityId: entry.id, name: entry.name, detail: detailOf(kind, entry) });
    return id;
  }

  edge(origin: EdgeDraft['origin'], from: string, to: string, suffix = ''): EdgeDraft {
    const id = `${origin}:${from}>${to}${suffix}`;
    let edge = this.edges.get(id);
    if (!edge) {
      edge = { id, from, to, origin, activities: new Map(), categories: new Map(), transfers: new Map(), flow: null };
      this.edges.set(id, edge);
    }
    return edge;
  }

  /** Only the edges touching `center`, and the edges feeding the channels and subjects that lead into it. */
  keepAround(center: string) {
    const touching = [...this.edges.values()].filter((edge) => edge.from === center || edge.to === center);
    const feeding = new Set(touching.filter((edge) => edge.to === center).map((edge) => edge.from));
    const kept = new Set([...touching, ...[...this.edges.values()].filter((edge) => feeding.has(edge.to))]);
    for (const [id, edge] of this.edges) if (!kept.has(edge)) this.edges.delete(id);
    const used = new Set([center, ...[...this.edges.values()].flatMap((edge) => [edge.from, edge.to])]);
    for (const id of this.nodes.keys()) if (!used.has(id)) this.nodes.delete(id);
  }

  result(): Pick<DataMapResponse, 'nodes' | 'edges'> {
    const kindRank = (id: string) => ['data-subject-category', 'collection-channel', 'system', 'recipient'].indexOf(id.split(':')[0]!);
    const nodes = [...this.nodes.values()].sort(
      (a, b) => kindRank(a.id) - kindRank(b.id) || a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id),
    );
    // By the names of their ends, not their ids: the same register gives the same order, so Graphviz draws the same diagram.
    const position = new Map(nodes.map((node, i) => [node.id, i]));
    const edges = [...this.edges.values()]
      .sort(
        (a, b) =>
          a.origin.localeCompare(b.origin) ||
          position.get(a.from)! - position.get(b.from)! ||
          position.get(a.to)! - position.get(b.to)! ||
          a.id.localeCompare(b.id),
      )
      .map((edge) => ({
        id: edge.id,
        from: edge.from,
        to: edge.to,
        origin: edge.origin,
        activities: byName(edge.activities.values()),
        dataCategories: byName(edge.categories.values()),
        transfers: [...edge.transfers.values()],
        flow: edge.flow,
      }));
    return { nodes, edges };
  }
}

function detailOf(kind: FlowEndKind, entry: JsonObject): string | null {
  if (kind === 'system') {
    const hosting = (entry.hostingCountries ?? entry.hosting_countries ?? []) as string[];
    return [entry.kind, hosting.join(', ')].filter((part) => part && part !== 'not-stated').join(' · ') || null;
  }
  if (kind === 'recipient') return [entry.kind, entry.country].filter((part) => part && part !== 'not-stated').join(' · ') || null;
  return null;
}

/**
 * The flows one activity implies: its data subjects → its collection channels (or, without
 * channels, straight to its systems) → its systems → its recipients (or channels straight to the
 * recipients when it records no system); transfers ride on the edges into their recipient (and
 * on from the processor an onward transfer goes through).
 */
function derive(graph: Graph, activity: ActivityView) {
  const self = { id: activity.id, name: activity.name };
  const link = (from: string, to: string, categories: Ref[]) => {
    const edge = graph.edge('derived', from, to);
    edge.activities.set(self.id, self);
    for (const category of categories) edge.categories.set(category.id, { id: category.id, name: category.name });
    return edge;
  };
  const sourced = (channelId: string) =>
    activity.dataCategories.filter((d) => d.sourceChannels.some((c) => c.id === channelId)).map((d) => d.dataCategory);
  const subjects = activity.dataSubjectCategories.map((s) => graph.node('data-subject-category', s));
  const channels = activity.collectionChannels.map((c) => ({ id: graph.node('collection-channel', c), categories: sourced(c.id) }));
  const systems = activity.systems.map((s) => ({ id: graph.node('system', s.system), held: heldIn(activity, s) }));
  const transfers = (recipientId: string) =>
    activity.transfers
      .filter((t) => t.recipient.id === recipientId)
      .map((t) => ({ destination: t.destination, country: t.country ?? null, mechanism: t.mechanism?.code ?? null }));
  // A transfer to a recipient the activity does not list among its recipients still goes there.
  const transferOnly = activity.transfers.filter((t) => !t.via && !activity.recipients.some((r) => r.recipient.id === t.recipient.id));
  const recipients = [
    ...activity.recipients.map((r) => ({ recipient: r.recipient, categories: r.dataCategories as Ref[] })),
    ...union(transferOnly.map((t) => [t.recipient])).map((recipient) => ({ recipient, categories: [] as Ref[] })),
  ].map((r) => ({ id: graph.node('recipient', r.recipient), categories: r.categories, transfers: transfers(r.recipient.id) }));
  const intersect = (a: Ref[], b: Ref[]) => (b.length === 0 ? a : a.length === 0 ? b : a.filter((x) => b.some((y) => y.id === x.id)));

  const entries = channels.length > 0 ? channels : subjects.map((id) => ({ id, categories: [] as Ref[] }));
  if (channels.length > 0) for (const subject of subjects) for (const channel of channels) link(subject, channel.id, channel.categories);
  const holders = systems.length > 0 ? systems : null;
  for (const entry of entries) {
    if (holders)
      for (const system of holders)
        link(entry.id, system.id, intersect(system.held.stated ? system.held.categories : [], entry.categories));
    else
      for (const recipient of recipients)
        addTransfers(link(entry.id, recipient.id, intersect(recipient.categories, entry.categories)), recipient.transfers);
  }
  for (const system of holders ?? []) {
    for (const recipient of recipients) {
      const edge = link(system.id, recipient.id, intersect(recipient.categories, system.held.stated ? system.held.categories : []));
      addTransfers(edge, recipient.transfers);
    }
  }
  // Onward transfers: from the processor they go through to the sub-processor.
  for (const transfer of activity.transfers.filter((t) => t.via)) {
    const edge = link(graph.node('recipient', transfer.via!), graph.node('recipient', transfer.recipient), []);
    addTransfers(edge, [
      { destination: transfer.destination, country: transfer.country ?? null, mechanism: transfer.mechanism?.code ?? null },
    ]);
  }
}

function addTransfers(edge: EdgeDraft, transfers: DataMapEdge['transfers']) {
  for (const transfer of transfers) edge.transfers.set(`${transfer.destination}|${transfer.country}|${transfer.mechanism}`, transfer);
}
