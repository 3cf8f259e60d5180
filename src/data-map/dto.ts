import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { activityRoles, activityStatuses } from '../../entities/processing-activity';
import { transferDestinations } from '../../entities/activity-links';
import { flowEndKinds } from '../../entities/data-flow';
import { EntityRef } from '../http/common-dto';
import { Doc } from '../http/dto';
import { DataCategoryRef, LegalBasisRef, RecipientRef } from '../processing-activities/dto';
import { SystemRef } from '../systems/dto';

const uuidExample = '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11';

/** An activity as an impact lists it. */
export class ImpactActivity extends EntityRef {
  @IsIn(activityStatuses)
  @Doc({ description: 'Its status (retired activities are listed too: their data may still be held)', example: 'active' })
  status!: string;

  @IsIn(activityRoles)
  @Doc({ description: 'Its role', example: 'controller' })
  role!: string;
}

/** An activity using the system, with what it keeps there. */
export class SystemImpactActivity extends ImpactActivity {
  @IsBoolean()
  @Doc({
    description:
      "Whether the activity states which of its data categories the system holds; when it does not, all of the activity's categories count as possibly held there",
    example: true,
  })
  dataCategoriesStated!: boolean;

  @ValidateNested({ each: true })
  @Type(() => DataCategoryRef)
  @Doc({ description: 'The data categories held in the system for this activity (all of its categories when not stated)' })
  dataCategories!: DataCategoryRef[];
}

export class ImpactTransfer {
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The activity making the transfer' })
  activity!: EntityRef;

  @ValidateNested()
  @Type(() => RecipientRef)
  @Doc({ description: 'The recipient' })
  recipient!: RecipientRef;

  @IsIn(transferDestinations)
  @Doc({ description: 'Where it goes', example: 'country' })
  destination!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The third country', example: 'US', nullable: true })
  country!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The international organisation', nullable: true })
  internationalOrganisation!: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => LegalBasisRef)
  @Doc({ description: 'Its mechanism (Art. 45–49), if recorded', nullable: true })
  mechanism!: LegalBasisRef | null;
}

/** The other end of a recorded flow. */
export class FlowEnd {
  @IsIn(flowEndKinds)
  @Doc({ description: 'What it is', example: 'recipient' })
  kind!: string;

  @IsUUID()
  @Doc({ description: 'Its id', example: uuidExample })
  id!: string;

  @IsString()
  @Doc({ description: 'Its name', example: 'Accounting firm' })
  name!: string;
}

export class ImpactFlow extends EntityRef {
  @IsIn(['in', 'out'])
  @Doc({ description: 'in: data flows into the entry; out: from it', example: 'out' })
  direction!: string;

  @ValidateNested()
  @Type(() => FlowEnd)
  @Doc({ description: 'The other end' })
  other!: FlowEnd;
}

export class SystemImpactResponse {
  @ValidateNested()
  @Type(() => SystemRef)
  @Doc({ description: 'The system' })
  system!: SystemRef;

  @ValidateNested({ each: true })
  @Type(() => SystemImpactActivity)
  @Doc({ description: 'The activities using it, with the data categories they keep there' })
  activities!: SystemImpactActivity[];

  @ValidateNested({ each: true })
  @Type(() => DataCategoryRef)
  @Doc({ description: 'Every data category held there (stated, or possibly held where an activity does not state which)' })
  dataCategories!: DataCategoryRef[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The data subject categories of those activities' })
  dataSubjectCategories!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => RecipientRef)
  @Doc({ description: 'The recipients of those activities' })
  recipients!: RecipientRef[];

  @ValidateNested({ each: true })
  @Type(() => ImpactTransfer)
  @Doc({ description: 'The transfers of those activities' })
  transfers!: ImpactTransfer[];

  @ValidateNested({ each: true })
  @Type(() => ImpactFlow)
  @Doc({ description: 'The recorded data flows into and out of the system' })
  flows!: ImpactFlow[];
}

/** A system holding the data category, and the activities that keep it there. */
export class DataCategoryImpactSystem {
  @ValidateNested()
  @Type(() => SystemRef)
  @Doc({ description: 'The system' })
  system!: SystemRef;

  @IsBoolean()
  @Doc({
    description: 'true: an activity states the category is held there; false: only possibly (no activity states which categories)',
    example: true,
  })
  stated!: boolean;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The activities keeping it there' })
  activities!: EntityRef[];
}

export class DataCategoryImpactActivity extends ImpactActivity {
  @ValidateNested({ each: true })
  @Type(() => SystemRef)
  @Doc({ description: 'The systems where this activity keeps the category (stated, or possibly: see systems[].stated)' })
  systems!: SystemRef[];
}

export class DataCategoryImpactResponse {
  @ValidateNested()
  @Type(() => DataCategoryRef)
  @Doc({ description: 'The data category' })
  dataCategory!: DataCategoryRef;

  @ValidateNested({ each: true })
  @Type(() => DataCategoryImpactSystem)
  @Doc({ description: 'The systems holding it' })
  systems!: DataCategoryImpactSystem[];

  @ValidateNested({ each: true })
  @Type(() => DataCategoryImpactActivity)
  @Doc({ description: 'The activities processing it, each with the systems it keeps it in' })
  activities!: DataCategoryImpactActivity[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The recorded data flows carrying it' })
  flows!: EntityRef[];
}

// ---- the data map: a graph -----------------------------------------------------------------------

export const dataMapNodeKinds = flowEndKinds;

export class DataMapNode {
  @IsString()
  @Doc({ description: 'Node id: `<kind>:<entry id>`', example: `system:${uuidExample}` })
  id!: string;

  @IsIn(dataMapNodeKinds)
  @Doc({ description: 'What the node is', example: 'system' })
  kind!: string;

  @IsUUID()
  @Doc({ description: 'The register entry', example: uuidExample })
  entityId!: string;

  @IsString()
  @Doc({ description: 'Its name', example: 'Google Analytics' })
  name!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: "A short detail: a system's kind and hosting, a recipient's kind and country", example: 'saas · US', nullable: true })
  detail!: string | null;
}

export class DataMapTransfer {
  @IsIn(transferDestinations)
  @Doc({ description: 'Where it goes', example: 'country' })
  destination!: string;

  @IsOptional()
  @IsString()
  @Doc({ description: 'The third country', example: 'US', nullable: true })
  country!: string | null;

  @IsOptional()
  @IsString()
  @Doc({ description: 'Its mechanism (a legal basis code)', example: 'gdpr-46-2-c', nullable: true })
  mechanism!: string | null;
}

export class DataMapEdge {
  @IsString()
  @Doc({ description: 'Edge id (stable for the same ends and origin)', example: 'derived:system:…>recipient:…' })
  id!: string;

  @IsString()
  @Doc({ description: 'The node data flows from', example: `system:${uuidExample}` })
  from!: string;

  @IsString()
  @Doc({ description: 'The node data flows to', example: `recipient:${uuidExample}` })
  to!: string;

  @IsIn(['derived', 'recorded'])
  @Doc({
    description: 'derived: implied by the activities (subject → channel → systems → recipients); recorded: a data flow entry',
    example: 'derived',
  })
  origin!: string;

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The activities implying it (derived)' })
  activities!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => EntityRef)
  @Doc({ description: 'The data categories it carries, as far as the register states them' })
  dataCategories!: EntityRef[];

  @ValidateNested({ each: true })
  @Type(() => DataMapTransfer)
  @Doc({ description: 'The transfers on it, when it crosses a border' })
  transfers!: DataMapTransfer[];

  @IsOptional()
  @ValidateNested()
  @Type(() => EntityRef)
  @Doc({ description: 'The recorded data flow (recorded edges)', nullable: true })
  flow!: EntityRef | null;
}

export class DataMapScope {
  @IsIn(['register', 'activity', 'system'])
  @Doc({ description: 'What the map shows', example: 'register' })
  kind!: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'The activity or system it is narrowed to', nullable: true })
  id!: string | null;
}

export class DataMapResponse {
  @ValidateNested()
  @Type(() => DataMapScope)
  @Doc({ description: 'What the map shows' })
  scope!: DataMapScope;

  @ValidateNested({ each: true })
  @Type(() => DataMapNode)
  @Doc({ description: 'Data subject categories, collection channels, systems and recipients' })
  nodes!: DataMapNode[];

  @ValidateNested({ each: true })
  @Type(() => DataMapEdge)
  @Doc({ description: 'Where data flows' })
  edges!: DataMapEdge[];
}

export class DataMapQuery {
  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only this activity: its subjects, channels, systems and recipients, and recorded flows between them' })
  activityId?: string;

  @IsOptional()
  @IsUUID()
  @Doc({ description: 'Only what flows into and out of this system' })
  systemId?: string;

  @IsOptional()
  @IsIn(['json', 'svg'])
  @Doc({ description: 'json (the graph) or svg (the diagram); overrides the Accept header', example: 'svg' })
  format?: string;
}
