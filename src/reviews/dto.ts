import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { reviewStates } from '../../entities/processing-activity';
import { Doc, isoDatePattern, isoDurationPattern } from '../http/dto';

/** The approver's comment on an approval (optional). */
export class ApproveRequest {
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Doc({ description: "The approver's comment, kept with the approval", example: 'Checked against the DPIA of 2026-11.', nullable: true })
  comment?: string | null;
}

/** Why the activity goes back to draft (required). */
export class ReturnRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  @Doc({
    description: 'Why the activity goes back to draft: what to change before it is submitted again',
    example: 'The retention of the invoices is not stated.',
  })
  comment!: string;
}

export class ReviewsDueQuery {
  @IsOptional()
  @Matches(isoDurationPattern)
  @Doc({
    description:
      'How far ahead upcoming reviews are listed: an ISO 8601 duration from today (default P30D). Overdue ones are always listed.',
    example: 'P30D',
  })
  within?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Doc({ description: 'Only the reviews of this owner (exact)', example: 'Sales' })
  owner?: string;
}

export class DueReview {
  @IsString()
  @Doc({ description: 'The processing activity', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11', schema: { format: 'uuid' } })
  id!: string;

  @IsString()
  @Doc({ description: 'Its name', example: 'Payroll' })
  name!: string;

  @IsString()
  @Doc({
    description: 'Where it stands in review now (an edit since the approval makes it draft)',
    example: 'approved',
    schema: { enum: [...reviewStates] },
  })
  reviewState!: string;

  @Matches(isoDatePattern)
  @Doc({ description: 'When its approval is due for review', example: '2027-01-15', schema: { format: 'date' } })
  reviewDueOn!: string;

  @IsInt()
  @Doc({ description: 'Days from today to the due date: negative when overdue', example: -3 })
  daysLeft!: number;

  @IsInt()
  @Doc({ description: 'The approved version', example: 4 })
  approvedVersion!: number;

  @IsString()
  @Doc({ description: 'Who approved it', example: 'dpo@example.org' })
  approvedBy!: string;

  @IsString()
  @Doc({ description: 'When it was approved', example: '2026-01-15T10:00:00.000Z', schema: { format: 'date-time' } })
  approvedAt!: string;
}

export class OwnerReviews {
  @IsOptional()
  @IsString()
  @Doc({ description: "The owner the activities name (the activity's `owner`); null: no owner stated", example: 'Sales', nullable: true })
  owner!: string | null;

  @ValidateNested({ each: true })
  @Type(() => DueReview)
  @Doc({ description: 'Reviews past their due date, most overdue first' })
  overdue!: DueReview[];

  @ValidateNested({ each: true })
  @Type(() => DueReview)
  @Doc({ description: 'Reviews due from today to the end of the window, soonest first' })
  upcoming!: DueReview[];
}

export class ReviewsDueResponse {
  @Matches(isoDatePattern)
  @Doc({ description: "Today, by the service's clock (UTC)", example: '2026-12-01', schema: { format: 'date' } })
  today!: string;

  @IsString()
  @Doc({ description: 'The window asked for', example: 'P30D' })
  within!: string;

  @Matches(isoDatePattern)
  @Doc({ description: 'The last day of the window', example: '2026-12-31', schema: { format: 'date' } })
  until!: string;

  @IsInt()
  @Doc({ description: 'Overdue reviews, all owners', example: 2 })
  overdue!: number;

  @IsInt()
  @Doc({ description: 'Upcoming reviews in the window, all owners', example: 5 })
  upcoming!: number;

  @ValidateNested({ each: true })
  @Type(() => OwnerReviews)
  @Doc({ description: 'Per owner (by name; activities naming none last), only owners with a review listed' })
  owners!: OwnerReviews[];
}

/** An activity the approved state (the register export, the privacy notice) leaves out: it was never approved. */
export class NotApprovedActivity {
  @IsUUID()
  @Doc({ description: 'The activity', example: '0b6f3c52-8d0e-4d6f-9a40-2f0a3c1d9e11' })
  id!: string;

  @IsString()
  @Doc({ description: 'Its name (as it is now)', example: 'Newsletter' })
  name!: string;

  @IsIn(reviewStates)
  @Doc({ description: 'Where it stands in review', example: 'in-review' })
  reviewState!: string;
}
