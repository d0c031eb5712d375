/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A whole number that may pass Int's 32 bits, such as a size in bytes: at most 64-bit signed. It is sent as a JSON number, which JavaScript holds exactly up to 2^53 - 1 (9 PB as bytes); it is accepted as a JSON number or a string of digits. */
  BigInt: { input: number | string; output: number; }
  /** A moment in time: an RFC 3339 date-time with a zone offset, such as 2026-05-01T17:00:00Z or 2026-05-01T19:00:00+02:00. Values without an offset (what <input type="datetime-local"> gives) are refused, since the moment they mean is unknown. The API answers in UTC, to the microsecond, with Z. */
  DateTime: { input: string; output: string; }
  /** Represents a file upload. */
  Upload: { input: File | Blob; output: never; }
};

export type AbortVideoUploadInput = {
  uploadId: Scalars['ID']['input'];
};

export type AbortVideoUploadPayload = {
  __typename?: 'AbortVideoUploadPayload';
  errors: Array<UserError>;
  upload: Maybe<VideoUpload>;
};

export type AcceptMemberInvitationInput = {
  token: Scalars['String']['input'];
};

export type AddQuestionInput = {
  interviewId: Scalars['ID']['input'];
  /** Where to insert it (1 = first); the end if left out. */
  position?: InputMaybe<Scalars['Int']['input']>;
  question: QuestionInput;
};

export type AddQuestionPayload = {
  __typename?: 'AddQuestionPayload';
  errors: Array<UserError>;
  question: Maybe<Question>;
};

/** How far the evaluators agree: Krippendorff's alpha (ordinal) over units (submission, question, criterion), with the evaluators as raters. */
export type Agreement = {
  __typename?: 'Agreement';
  alpha: Maybe<Scalars['Float']['output']>;
  belowThreshold: Scalars['Boolean']['output'];
  /** The same for each criterion alone, in the rubric's order. */
  byCriterion: Array<CriterionAgreement>;
  ratings: Scalars['Int']['output'];
};

/** One attempt at one question. A candidate sees all of theirs until they submit; owners and recruiters see the attempts that count, once submitted. */
export type Answer = Node & {
  __typename?: 'Answer';
  /** 1 for the first recording, 2 for a retake... */
  attempt: Scalars['Int']['output'];
  /** This is the attempt that counts. */
  current: Scalars['Boolean']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  question: Question;
  /** When the question was shown (startAnswer), by the server's clock. */
  startedAt: Scalars['DateTime']['output'];
  /** When the recording was stored; null while it is being recorded. */
  submittedAt: Maybe<Scalars['DateTime']['output']>;
  /** The recording; null while it is being recorded. */
  video: Maybe<Video>;
};

export type AssignEvaluatorsInput = {
  /** Members of the organization (users), any role, 1 to 50. */
  evaluatorIds: Array<Scalars['ID']['input']>;
  /** Submitted candidate invitations, 1 to 500. */
  invitationIds: Array<Scalars['ID']['input']>;
};

export type AssignEvaluatorsPayload = {
  __typename?: 'AssignEvaluatorsPayload';
  /** Every pair asked for, including those assigned before. */
  assignments: Maybe<Array<Assignment>>;
  errors: Array<UserError>;
};

/** An evaluator's task: one submission to evaluate, blind. The candidate appears only under a pseudonym. */
export type Assignment = Node & {
  __typename?: 'Assignment';
  /** The submitted answers, in question order. */
  answers: Array<ReviewAnswer>;
  /** Every evaluator's current evaluation of this submission. Null for the assigned evaluator until they have submitted their own, so evaluations stay independent. */
  evaluations: Maybe<Array<Evaluation>>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  interview: Interview;
  /** The assigned evaluator's own current evaluation, if any. */
  myEvaluation: Maybe<Evaluation>;
  /** How this evaluator knows the candidate, e.g. 'Candidate K7QF': the same in all of their views, different for every other evaluator. */
  pseudonym: Scalars['String']['output'];
  /** The interview's questions, in position order. */
  questions: Array<Question>;
  status: AssignmentStatus;
};

/** A page of a list, with cursors to move on from it. */
export type AssignmentConnection = {
  __typename?: 'AssignmentConnection';
  edges: Array<AssignmentEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type AssignmentEdge = {
  __typename?: 'AssignmentEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: Assignment;
};

/** PENDING: to be evaluated. SUBMITTED: the evaluation is in (final; revisions add versions). */
export type AssignmentStatus =
  | 'PENDING'
  | 'SUBMITTED';

/** RUBRIC_CHANGED: an interview's rubric was set or replaced. VIDEO_DELETED: a video was deleted (the summary names it). */
export type AuditAction =
  | 'EVALUATION_REVISED'
  | 'EVALUATION_SUBMITTED'
  | 'EVALUATOR_ASSIGNED'
  | 'IDENTITY_REVEALED'
  | 'RUBRIC_CHANGED'
  | 'VIDEO_DELETED';

/** Something that happened, recorded for the organization's owners. */
export type AuditEntry = Node & {
  __typename?: 'AuditEntry';
  action: AuditAction;
  /** Who did it; null when the system did, or they are gone. */
  actor: Maybe<User>;
  createdAt: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** The interview it concerns, if any and while it exists. */
  interview: Maybe<Interview>;
  /** The member it concerns, if any. */
  subjectUser: Maybe<User>;
  /** What happened, in words. */
  summary: Scalars['String']['output'];
};

/** A page of a list, with cursors to move on from it. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  accessToken: Maybe<Scalars['String']['output']>;
  errors: Array<UserError>;
  refreshToken: Maybe<Scalars['String']['output']>;
  user: Maybe<User>;
};

export type AutoAssignInput = {
  /** The members to choose from; every member of the organization if left out. */
  evaluatorIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** How many different evaluators each submission gets, 1 to 10. */
  evaluatorsPerSubmission: Scalars['Int']['input'];
  interviewId: Scalars['ID']['input'];
};

export type AutoAssignPayload = {
  __typename?: 'AutoAssignPayload';
  /** The assignments this call made. */
  assignments: Maybe<Array<Assignment>>;
  errors: Array<UserError>;
};

/** One person to invite. */
export type CandidateInput = {
  email: Scalars['String']['input'];
  /** 1 to 200 characters. */
  name: Scalars['String']['input'];
};

/** A candidate invited to answer an interview, by a personal link. Owners and recruiters see their organization's; a candidate sees their own. */
export type CandidateInvitation = Node & {
  __typename?: 'CandidateInvitation';
  /** How many questions have an answer that counts: progress, which owners and recruiters follow before the candidate submits. */
  answeredQuestions: Scalars['Int']['output'];
  /** Answers, in question order. Without questionId: for each question the attempt that counts, and the attempt being recorded if there is one. With it: every attempt at that question. A candidate sees theirs until they submit; owners and recruiters see the attempts that count, once submitted. */
  answers: Array<Answer>;
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  /** The invitation's own deadline (the interview's answerDeadline applies too). */
  expiresAt: Scalars['DateTime']['output'];
  /** Accommodation: seconds added to every question's answer time. */
  extraAnswerSeconds: Scalars['Int']['output'];
  /** Accommodation: retakes added to every question's. */
  extraRetakes: Scalars['Int']['output'];
  /** Accommodation: seconds added to every question's think time. */
  extraThinkSeconds: Scalars['Int']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  interview: Interview;
  name: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTime']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where the invitation stands now. */
  status: InvitationStatus;
  submittedAt: Maybe<Scalars['DateTime']['output']>;
  /** The candidate's link: only in the payload that made it (inviteCandidates, resendInvitation), since only a hash of it is kept. */
  url: Maybe<Scalars['String']['output']>;
};


/** A candidate invited to answer an interview, by a personal link. Owners and recruiters see their organization's; a candidate sees their own. */
export type CandidateInvitationAnswersArgs = {
  questionId?: InputMaybe<Scalars['ID']['input']>;
};

/** A page of a list, with cursors to move on from it. */
export type CandidateInvitationConnection = {
  __typename?: 'CandidateInvitationConnection';
  edges: Array<CandidateInvitationEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type CandidateInvitationEdge = {
  __typename?: 'CandidateInvitationEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: CandidateInvitation;
};

export type CandidateSessionInput = {
  /** The token at the end of the link: /i/<token>. */
  token: Scalars['String']['input'];
};

export type CandidateSessionPayload = {
  __typename?: 'CandidateSessionPayload';
  /** Send as 'Authorization: Bearer <token>'; it reaches this invitation only. */
  accessToken: Maybe<Scalars['String']['output']>;
  errors: Array<UserError>;
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  invitation: Maybe<CandidateInvitation>;
};

export type ChangeMemberRoleInput = {
  organizationId: Scalars['ID']['input'];
  role: Role;
  userId: Scalars['ID']['input'];
};

export type ChangePasswordInput = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
  /** The new password again, to catch typing errors. */
  newPassword2: Scalars['String']['input'];
};

export type ChangePasswordPayload = {
  __typename?: 'ChangePasswordPayload';
  errors: Array<UserError>;
  user: Maybe<User>;
};

export type CompleteVideoUploadInput = {
  parts: Array<CompletedPartInput>;
  uploadId: Scalars['ID']['input'];
};

export type CompleteVideoUploadPayload = {
  __typename?: 'CompleteVideoUploadPayload';
  errors: Array<UserError>;
  upload: Maybe<VideoUpload>;
  video: Maybe<Video>;
};

export type CompletedPartInput = {
  /** The ETag header of the part's PUT response. */
  etag: Scalars['String']['input'];
  partNumber: Scalars['Int']['input'];
};

export type CreateInterviewInput = {
  answerDeadline?: InputMaybe<Scalars['DateTime']['input']>;
  /** Up to 10,000 characters. */
  description?: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
  /** 1 to 100 questions, in order. */
  questions: Array<QuestionInput>;
  /** 1 to 200 characters. */
  title: Scalars['String']['input'];
};

export type CreateInterviewPayload = {
  __typename?: 'CreateInterviewPayload';
  errors: Array<UserError>;
  interview: Maybe<Interview>;
};

export type CreateOrganizationInput = {
  name: Scalars['String']['input'];
};

export type CreateOrganizationPayload = {
  __typename?: 'CreateOrganizationPayload';
  errors: Array<UserError>;
  organization: Maybe<Organization>;
};

/** A criterion of a rubric: scored from 1 to 5, each score described by an anchor. */
export type Criterion = Node & {
  __typename?: 'Criterion';
  /** What each score means: five texts, for the scores 1 to 5 in order. */
  anchors: Array<Scalars['String']['output']>;
  /** True when it applies to every question of the interview. */
  appliesToAllQuestions: Scalars['Boolean']['output'];
  description: Scalars['String']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** 1 for the first criterion, and so on. */
  position: Scalars['Int']['output'];
  /** The questions it applies to, in position order. */
  questions: Array<Question>;
  /** Its share of the total, relative to the other criteria's weights. */
  weight: Scalars['Float']['output'];
};

/** How far the evaluators agree on one criterion. */
export type CriterionAgreement = {
  __typename?: 'CriterionAgreement';
  /** Krippendorff's alpha for ordinal data; null when it is undefined (too few ratings to pair, or no variation at all). */
  alpha: Maybe<Scalars['Float']['output']>;
  /** Alpha is below 0.667. */
  belowThreshold: Scalars['Boolean']['output'];
  criterion: Maybe<Criterion>;
  /** The pairable ratings it rests on. */
  ratings: Scalars['Int']['output'];
};

/** A criterion, scored 1 to 5 on an anchored scale. */
export type CriterionInput = {
  /** Five short descriptions of what a score of 1, 2, 3, 4 and 5 means, in that order (up to 300 characters each). */
  anchors: Array<Scalars['String']['input']>;
  /** Up to 2,000 characters. */
  description?: Scalars['String']['input'];
  /** 1 to 100 characters, unique in the rubric. */
  name: Scalars['String']['input'];
  /** The questions it applies to; every question of the interview if left out. */
  questionIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Its share of the total, relative to the others: above 0, at most 100. */
  weight?: Scalars['Float']['input'];
};

/** A submission's score on one criterion, raw and rater-corrected. */
export type CriterionResult = {
  __typename?: 'CriterionResult';
  corrected: Maybe<Scalars['Float']['output']>;
  criterion: Maybe<Criterion>;
  ratings: Scalars['Int']['output'];
  raw: Maybe<Scalars['Float']['output']>;
};

export type DeleteInterviewInput = {
  interviewId: Scalars['ID']['input'];
};

export type DeleteInterviewPayload = {
  __typename?: 'DeleteInterviewPayload';
  deletedInterviewId: Maybe<Scalars['ID']['output']>;
  errors: Array<UserError>;
};

export type DeleteVideoInput = {
  videoId: Scalars['ID']['input'];
};

export type DeleteVideoPayload = {
  __typename?: 'DeleteVideoPayload';
  deletedVideoId: Maybe<Scalars['ID']['output']>;
  errors: Array<UserError>;
};

/** What is wrong, for a client to act on. */
export type ErrorCode =
  | 'ABANDONED'
  | 'ALREADY_INVITED'
  | 'ALREADY_MEMBER'
  | 'ALREADY_STARTED'
  | 'ALREADY_SUBMITTED'
  | 'ANSWER_TOO_LATE'
  | 'ANSWER_TOO_LONG'
  | 'CORRUPT_MEDIA'
  | 'EMPTY_FILE'
  | 'EXPIRED'
  | 'FRAME_TOO_LARGE'
  | 'INACTIVE_ACCOUNT'
  | 'INCOMPLETE'
  | 'INTERVIEW_CLOSED'
  | 'INVALID'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_FORMAT'
  | 'INVALID_TOKEN'
  | 'INVALID_TRANSITION'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_REVOKED'
  | 'LAST_OWNER'
  | 'LOCKED'
  | 'NOT_EVALUATED'
  | 'NOT_FOUND'
  | 'NOT_IN_RUBRIC'
  | 'NOT_OPEN'
  | 'NOT_STARTED'
  | 'NOT_SUBMITTED'
  | 'NOT_YOUR_ASSIGNMENT'
  | 'NO_VIDEO_STREAM'
  | 'OUT_OF_RANGE'
  | 'PASSWORD_ENTIRELY_NUMERIC'
  | 'PASSWORD_MISMATCH'
  | 'PASSWORD_TOO_COMMON'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_SIMILAR'
  | 'RATE_LIMITED'
  | 'REPORT_FAILED'
  | 'REQUIRED'
  | 'RETAKES_EXHAUSTED'
  | 'RUBRIC_REQUIRED'
  | 'STORAGE_QUOTA_EXCEEDED'
  | 'STORAGE_UNAVAILABLE'
  | 'TAKEN'
  | 'TOKEN_REUSED'
  | 'TOO_FEW_EVALUATORS'
  | 'TOO_LARGE'
  | 'TOO_LONG'
  | 'TOO_MANY'
  | 'TOO_MANY_PENDING_UPLOADS'
  | 'TOO_SHORT'
  | 'UNSUPPORTED_MEDIA'
  | 'UPLOAD_BUSY'
  | 'UPLOAD_CLOSED'
  | 'UPLOAD_INCOMPLETE'
  | 'VIDEO_IN_USE'
  | 'WRONG_ACCOUNT';

/** One version of an evaluator's evaluation of a submission. Other evaluators' evaluations are readable only once you have submitted your own. */
export type Evaluation = Node & {
  __typename?: 'Evaluation';
  comment: Scalars['String']['output'];
  /** False once a revision replaced it. */
  current: Scalars['Boolean']['output'];
  /** The member who evaluated. */
  evaluator: Maybe<User>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** The ratings, by question and criterion. */
  ratings: Array<Rating>;
  recommendation: Maybe<Recommendation>;
  submittedAt: Scalars['DateTime']['output'];
  /** 1 when submitted; each revision adds one. */
  version: Scalars['Int']['output'];
};

/** An evaluation submitted or revised; null in the first message. */
export type EvaluationUpdate = {
  __typename?: 'EvaluationUpdate';
  evaluation: Maybe<Evaluation>;
};

export type ExtendInvitationInput = {
  /** The new expiry, in the future. */
  expiresAt: Scalars['DateTime']['input'];
  invitationId: Scalars['ID']['input'];
};

export type ExtendInvitationPayload = {
  __typename?: 'ExtendInvitationPayload';
  errors: Array<UserError>;
  invitation: Maybe<CandidateInvitation>;
};

export type GenerateCandidateReportInput = {
  invitationId: Scalars['ID']['input'];
};

export type GenerateCandidateReportPayload = {
  __typename?: 'GenerateCandidateReportPayload';
  errors: Array<UserError>;
  /** Scores by question and criterion, comments, agreement and standing. */
  pdf: Maybe<Report>;
};

export type GenerateInterviewReportInput = {
  interviewId: Scalars['ID']['input'];
};

export type GenerateInterviewReportPayload = {
  __typename?: 'GenerateInterviewReportPayload';
  /** One row per candidate, ranked (UTF-8 with a byte-order mark). */
  csv: Maybe<Report>;
  errors: Array<UserError>;
  /** The ranked table, the evaluators and charts. */
  pdf: Maybe<Report>;
};

export type GrantAccommodationInput = {
  /** Seconds added to every question's answer time (0 to 3,600). */
  extraAnswerSeconds?: Scalars['Int']['input'];
  /** Retakes added to every question's (0 to 10). */
  extraRetakes?: Scalars['Int']['input'];
  /** Seconds added to every question's think time (0 to 3,600). */
  extraThinkSeconds?: Scalars['Int']['input'];
  invitationId: Scalars['ID']['input'];
};

export type GrantAccommodationPayload = {
  __typename?: 'GrantAccommodationPayload';
  errors: Array<UserError>;
  invitation: Maybe<CandidateInvitation>;
};

/** A set of questions that candidates answer on video. */
export type Interview = Node & {
  __typename?: 'Interview';
  /** How far the evaluators agree, overall and by criterion. Owners and recruiters only (null, with an error, for others). */
  agreement: Maybe<Agreement>;
  /** After this, candidates can no longer answer. */
  answerDeadline: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Who created the interview. */
  creator: User;
  description: Scalars['String']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** How many invitations are in each status. Owners and recruiters. */
  invitationCounts: InvitationCounts;
  /** The candidates invited, newest first, optionally in one status. Owners and recruiters. At most 100 per page; 20 unless asked. */
  invitations: CandidateInvitationConnection;
  organization: Organization;
  /** The questions in position order. */
  questions: Array<Question>;
  /** True once candidates have answered: the questions can no longer change. */
  questionsLocked: Scalars['Boolean']['output'];
  /** The submitted candidates ranked by rater-corrected total (highest first; those without a total last; equal ranks by submission time, earliest first), with raw totals beside them and an uncertainty interval. Names come with them, so each first showing of a candidate on a page to a member is audited. Owners and recruiters only (null, with an error, for others). At most 100 per page; 20 unless asked. */
  ranking: Maybe<SubmissionResultConnection>;
  /**
   * The submitted candidates ranked by rater-corrected total, with raw totals beside them and an uncertainty interval. Names come with them, so each first showing of a candidate to a member is audited. Owners and recruiters only (null, with an error, for others).
   * @deprecated Use ranking: the same results a page at a time, in the same order but for ties (broken by submission time there), auditing only the candidates shown.
   */
  results: Maybe<Array<SubmissionResult>>;
  /** How evaluators score the answers; null until owners or recruiters set it. */
  rubric: Maybe<Rubric>;
  status: InterviewStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};


/** A set of questions that candidates answer on video. */
export type InterviewInvitationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<InvitationStatus>;
};


/** A set of questions that candidates answer on video. */
export type InterviewRankingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of a list, with cursors to move on from it. */
export type InterviewConnection = {
  __typename?: 'InterviewConnection';
  edges: Array<InterviewEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type InterviewEdge = {
  __typename?: 'InterviewEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: Interview;
};

export type InterviewFilterInput = {
  /** Words in the title or description, ignoring case. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses (one value works too). */
  status?: InputMaybe<Array<InterviewStatus>>;
};

export type InterviewOrder = {
  direction?: OrderDirection;
  field?: InterviewOrderField;
};

export type InterviewOrderField =
  | 'CREATED_AT'
  | 'TITLE'
  | 'UPDATED_AT';

/** DRAFT: being written. OPEN: candidates may answer. CLOSED: no more answers. ARCHIVED: kept for the record, out of the way. */
export type InterviewStatus =
  | 'ARCHIVED'
  | 'CLOSED'
  | 'DRAFT'
  | 'OPEN';

/** How many of an interview's invitations are in each status. */
export type InvitationCounts = {
  __typename?: 'InvitationCounts';
  expired: Scalars['Int']['output'];
  invited: Scalars['Int']['output'];
  revoked: Scalars['Int']['output'];
  started: Scalars['Int']['output'];
  submitted: Scalars['Int']['output'];
};

export type InvitationInput = {
  invitationId: Scalars['ID']['input'];
};

/** INVITED: not started yet. STARTED: answering. SUBMITTED: final. EXPIRED: the invitation's or the interview's deadline passed before submission. REVOKED: withdrawn. */
export type InvitationStatus =
  | 'EXPIRED'
  | 'INVITED'
  | 'REVOKED'
  | 'STARTED'
  | 'SUBMITTED';

export type InviteCandidatesInput = {
  /** 1 to 500 people. */
  candidates: Array<CandidateInput>;
  /** When the links stop working (the interview's answerDeadline applies too). */
  expiresAt: Scalars['DateTime']['input'];
  /** An OPEN interview. */
  interviewId: Scalars['ID']['input'];
};

export type InviteCandidatesPayload = {
  __typename?: 'InviteCandidatesPayload';
  errors: Array<UserError>;
  /** In the order given, each with its url (shown only here). */
  invitations: Maybe<Array<CandidateInvitation>>;
};

export type InviteMemberInput = {
  email: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
  role: Role;
};

export type InviteMemberPayload = {
  __typename?: 'InviteMemberPayload';
  errors: Array<UserError>;
  invitation: Maybe<OrganizationInvitation>;
  /** The secret the invitee accepts with (acceptMemberInvitation, or signup's invitationToken). No email is sent yet, so it is returned to the inviting owner here, once, to pass on; only its hash is stored. Valid for 7 days, for one use. */
  invitationToken: Maybe<Scalars['String']['output']>;
};

export type LoginInput = {
  password: Scalars['String']['input'];
  /** The username or the email address. */
  username: Scalars['String']['input'];
};

export type LogoutEverywherePayload = {
  __typename?: 'LogoutEverywherePayload';
  errors: Array<UserError>;
  ok: Scalars['Boolean']['output'];
  /** How many logins ended, this one included. */
  revokedSessions: Scalars['Int']['output'];
};

export type LogoutInput = {
  refreshToken: Scalars['String']['input'];
};

export type LogoutPayload = {
  __typename?: 'LogoutPayload';
  errors: Array<UserError>;
  ok: Scalars['Boolean']['output'];
};

/** A user's place in an organization. */
export type Membership = {
  __typename?: 'Membership';
  /** When the user joined. */
  createdAt: Scalars['DateTime']['output'];
  organization: Organization;
  role: Role;
  user: User;
};

/** A page of a list, with cursors to move on from it. */
export type MembershipConnection = {
  __typename?: 'MembershipConnection';
  edges: Array<MembershipEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type MembershipEdge = {
  __typename?: 'MembershipEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: Membership;
};

export type MembershipPayload = {
  __typename?: 'MembershipPayload';
  errors: Array<UserError>;
  membership: Maybe<Membership>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Abandon a direct upload; its stored parts are removed. */
  abortVideoUpload: AbortVideoUploadPayload;
  /** Join an organization with an invitation sent to the viewer's email address. */
  acceptMemberInvitation: MembershipPayload;
  /** Add a question; not once the interview has answers. */
  addQuestion: AddQuestionPayload;
  /** Assign each evaluator to each submitted invitation (pairs assigned before stay as they are). Owners and recruiters; evaluators are members with any role. */
  assignEvaluators: AssignEvaluatorsPayload;
  /** Give every submitted invitation of the interview that many different evaluators, spreading the work evenly (earlier assignments count). Owners and recruiters only. */
  autoAssign: AutoAssignPayload;
  /** Exchange the token of an invitation link for a short-lived candidate access token, limited to that invitation. No account is needed. */
  candidateSession: CandidateSessionPayload;
  /** Give a member another role. Owners only; the last owner stays an owner. */
  changeMemberRole: MembershipPayload;
  /** Change the viewer's password. Every other login of the account ends at once (its tokens stop working); this one stays. The current password counts against the login limits. */
  changePassword: ChangePasswordPayload;
  /** Assemble the uploaded parts and probe the result; a file that is not a usable video is deleted. */
  completeVideoUpload: CompleteVideoUploadPayload;
  /** Create an interview with all its questions, or nothing. Owners and recruiters only. */
  createInterview: CreateInterviewPayload;
  /** Create an organization with the viewer as its owner. */
  createOrganization: CreateOrganizationPayload;
  /** Delete an interview and its questions; not once it has answers (archive it instead). */
  deleteInterview: DeleteInterviewPayload;
  /** Delete a video and its file. Owners and recruiters delete any of their organization's videos; other members, those they uploaded. A video in use (an interview question's prompt, a candidate's answer) is refused with VIDEO_IN_USE. */
  deleteVideo: DeleteVideoPayload;
  /** Move an invitation's expiry; an expired invitation opens again. */
  extendInvitation: ExtendInvitationPayload;
  /** Build one submitted candidate's PDF report in the background; poll it with node(id:) until it is READY. Owners and recruiters only; needs the rubric. */
  generateCandidateReport: GenerateCandidateReportPayload;
  /** Build the interview's CSV export and summary PDF in the background. Both come back PENDING: poll them with node(id:) until they are READY, then download them from url. Owners and recruiters only; needs the rubric. */
  generateInterviewReport: GenerateInterviewReportPayload;
  /** Give one candidate more think time, answer time or retakes on every question, before they start. The values replace earlier ones. */
  grantAccommodation: GrantAccommodationPayload;
  /** Invite 1 to 500 candidates to an OPEN interview; each gets an email with a personal link, sent by the job queue. All or none: an address already invited gives ALREADY_INVITED. Owners and recruiters. */
  inviteCandidates: InviteCandidatesPayload;
  /** Invite someone by email to join in a role. Owners only. */
  inviteMember: InviteMemberPayload;
  /** Sign in with a username or email and a password. */
  login: AuthPayload;
  /** Revoke the login that a refresh token belongs to. */
  logout: LogoutPayload;
  /** End every login of the viewer's account, this one included: all their access and refresh tokens stop working at once. */
  logoutEverywhere: LogoutEverywherePayload;
  /** Exchange a refresh token for a new pair. Each refresh token works once; using one twice revokes every token of that login. */
  refreshToken: AuthPayload;
  /** Remove a member (owners), or leave (anyone, for themself). The last owner cannot be removed. */
  removeMember: RemoveMemberPayload;
  /** Remove a question; the others close up. Not the last one, and not once the interview has answers. */
  removeQuestion: RemoveQuestionPayload;
  /** Put the questions in a new order. */
  reorderQuestions: ReorderQuestionsPayload;
  /** Email the invitation again, with a new link (the old one stops working). An expired invitation is extended first (INVITATION_EXPIRED). */
  resendInvitation: ResendInvitationPayload;
  /** Replace your submitted evaluation with a new version; the earlier versions are kept for the audit. */
  reviseEvaluation: ReviseEvaluationPayload;
  /** Withdraw an invitation: its link and the candidate's tokens stop. */
  revokeInvitation: RevokeInvitationPayload;
  /** Withdraw a pending invitation, so that its token no longer works. Owners only. */
  revokeMemberInvitation: RevokeMemberInvitationPayload;
  /** Move an interview through DRAFT → OPEN ⇄ CLOSED; ARCHIVED from anywhere, and back to CLOSED. */
  setInterviewStatus: SetInterviewStatusPayload;
  /** Give an interview its rubric, replacing the criteria it had. Owners and recruiters only; not once an evaluation has been submitted (LOCKED). */
  setRubric: SetRubricPayload;
  /** Create an account and sign in. */
  signup: AuthPayload;
  /** Show a question: the server records the time, and the answer must arrive within the think time and answer time after it (plus time to upload). Asked again while the attempt is open, it returns the same attempt; after a recording, it starts a retake (RETAKES_EXHAUSTED when none are left). */
  startAnswer: StartAnswerPayload;
  /** Start a direct upload of a large file: returns an upload with one presigned URL per part. */
  startVideoUpload: StartVideoUploadPayload;
  /** Send the recording of the started question, as a file (multipart) or as a direct upload (videoUploadId). It is probed like any video; ANSWER_TOO_LONG past the answer time (plus VECTOR_ANSWER_GRACE_SECONDS), ANSWER_TOO_LATE past the time allowed. It becomes the answer that counts; earlier attempts are kept until submission. */
  submitAnswer: SubmitAnswerPayload;
  /** Submit your evaluation of an assignment, scored against the rubric. Final once submitted (ALREADY_SUBMITTED afterwards; reviseEvaluation corrects it). The first evaluation locks the rubric. */
  submitEvaluation: SubmitEvaluationPayload;
  /** Submit the answers: final (ALREADY_SUBMITTED afterwards), and only once every question has one (INCOMPLETE otherwise). Attempts that do not count are deleted. */
  submitInterview: SubmitInterviewPayload;
  /** Change an interview's title, description or deadline. */
  updateInterview: UpdateInterviewPayload;
  /** Change a question; not once the interview has answers. */
  updateQuestion: UpdateQuestionPayload;
  /** Upload a video in one request (GraphQL multipart request spec). The server probes it; a file that is not a usable video is refused and nothing is kept. */
  uploadVideo: UploadVideoPayload;
};


export type MutationAbortVideoUploadArgs = {
  input: AbortVideoUploadInput;
};


export type MutationAcceptMemberInvitationArgs = {
  input: AcceptMemberInvitationInput;
};


export type MutationAddQuestionArgs = {
  input: AddQuestionInput;
};


export type MutationAssignEvaluatorsArgs = {
  input: AssignEvaluatorsInput;
};


export type MutationAutoAssignArgs = {
  input: AutoAssignInput;
};


export type MutationCandidateSessionArgs = {
  input: CandidateSessionInput;
};


export type MutationChangeMemberRoleArgs = {
  input: ChangeMemberRoleInput;
};


export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


export type MutationCompleteVideoUploadArgs = {
  input: CompleteVideoUploadInput;
};


export type MutationCreateInterviewArgs = {
  input: CreateInterviewInput;
};


export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


export type MutationDeleteInterviewArgs = {
  input: DeleteInterviewInput;
};


export type MutationDeleteVideoArgs = {
  input: DeleteVideoInput;
};


export type MutationExtendInvitationArgs = {
  input: ExtendInvitationInput;
};


export type MutationGenerateCandidateReportArgs = {
  input: GenerateCandidateReportInput;
};


export type MutationGenerateInterviewReportArgs = {
  input: GenerateInterviewReportInput;
};


export type MutationGrantAccommodationArgs = {
  input: GrantAccommodationInput;
};


export type MutationInviteCandidatesArgs = {
  input: InviteCandidatesInput;
};


export type MutationInviteMemberArgs = {
  input: InviteMemberInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationLogoutArgs = {
  input: LogoutInput;
};


export type MutationRefreshTokenArgs = {
  input: RefreshTokenInput;
};


export type MutationRemoveMemberArgs = {
  input: RemoveMemberInput;
};


export type MutationRemoveQuestionArgs = {
  input: RemoveQuestionInput;
};


export type MutationReorderQuestionsArgs = {
  input: ReorderQuestionsInput;
};


export type MutationResendInvitationArgs = {
  input: InvitationInput;
};


export type MutationReviseEvaluationArgs = {
  input: ReviseEvaluationInput;
};


export type MutationRevokeInvitationArgs = {
  input: InvitationInput;
};


export type MutationRevokeMemberInvitationArgs = {
  input: RevokeMemberInvitationInput;
};


export type MutationSetInterviewStatusArgs = {
  input: SetInterviewStatusInput;
};


export type MutationSetRubricArgs = {
  input: SetRubricInput;
};


export type MutationSignupArgs = {
  input: SignupInput;
};


export type MutationStartAnswerArgs = {
  input: StartAnswerInput;
};


export type MutationStartVideoUploadArgs = {
  input: StartVideoUploadInput;
};


export type MutationSubmitAnswerArgs = {
  input: SubmitAnswerInput;
};


export type MutationSubmitEvaluationArgs = {
  input: SubmitEvaluationInput;
};


export type MutationUpdateInterviewArgs = {
  input: UpdateInterviewInput;
};


export type MutationUpdateQuestionArgs = {
  input: UpdateQuestionInput;
};


export type MutationUploadVideoArgs = {
  input: UploadVideoInput;
};

/** An object with a Globally Unique ID */
export type Node = {
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
};

/** Sort direction. */
export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** A company or team that runs interviews. */
export type Organization = Node & {
  __typename?: 'Organization';
  /** What happened in the organization that its owners may need to check later (see AuditAction), newest first. Owners only. */
  auditLog: AuditEntryConnection;
  createdAt: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** Invitations not yet accepted nor expired, oldest first, with who sent each. Owners only. An invitation works while its sender may still invite. */
  invitations: OrganizationInvitationConnection;
  /** The members, oldest first. Visible to members. */
  members: MembershipConnection;
  name: Scalars['String']['output'];
  /** Mail the organization sent, newest first, with its delivery status. Without an SMTP server, messages are HELD here, bodies included, for the owners to pass on. Owners only. */
  outbox: OutboxMessageConnection;
  /** How much of the storage quota the organization's videos and open uploads use, with the limits. Owners only. */
  storageUse: StorageUse;
  /** The viewer's role here. */
  viewerRole: Maybe<Role>;
};


/** A company or team that runs interviews. */
export type OrganizationAuditLogArgs = {
  action?: InputMaybe<Array<AuditAction>>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A company or team that runs interviews. */
export type OrganizationInvitationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A company or team that runs interviews. */
export type OrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A company or team that runs interviews. */
export type OrganizationOutboxArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<OutboxStatus>>;
};

/** An invitation to join an organization, by email and role. */
export type OrganizationInvitation = Node & {
  __typename?: 'OrganizationInvitation';
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** The owner who sent it. */
  invitedBy: Maybe<User>;
  organization: Organization;
  role: Role;
};

/** A page of a list, with cursors to move on from it. */
export type OrganizationInvitationConnection = {
  __typename?: 'OrganizationInvitationConnection';
  edges: Array<OrganizationInvitationEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type OrganizationInvitationEdge = {
  __typename?: 'OrganizationInvitationEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: OrganizationInvitation;
};

/** A message the organization sent, or is sending, by email. */
export type OutboxMessage = Node & {
  __typename?: 'OutboxMessage';
  /** SMTP deliveries tried so far. */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The HTML part; null once sent, like text. */
  html: Maybe<Scalars['String']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** Why the last attempt failed. */
  lastError: Maybe<Scalars['String']['output']>;
  sentAt: Maybe<Scalars['DateTime']['output']>;
  status: OutboxStatus;
  subject: Scalars['String']['output'];
  /** The plain-text part; null once the message has been sent, since the bodies are not kept after delivery. */
  text: Maybe<Scalars['String']['output']>;
  /** The recipient's email address. */
  toAddress: Scalars['String']['output'];
  /** The recipient's name, or empty. */
  toName: Scalars['String']['output'];
};

/** A page of a list, with cursors to move on from it. */
export type OutboxMessageConnection = {
  __typename?: 'OutboxMessageConnection';
  edges: Array<OutboxMessageEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type OutboxMessageEdge = {
  __typename?: 'OutboxMessageEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: OutboxMessage;
};

/** QUEUED: waiting to be sent. SENDING: being sent now, or the outcome of the last attempt is not known yet (it is sent again with the same Message-ID). SENT: accepted by the SMTP server. HELD: kept here because no SMTP server is configured. FAILED: refused, or retries used up (lastError says why). */
export type OutboxStatus =
  | 'FAILED'
  | 'HELD'
  | 'QUEUED'
  | 'SENDING'
  | 'SENT';

/** Information to aid in pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** The signed-in candidate's invitation: the interview (title, description, questions with their limits and prompt videos), their answers and status. Only with a candidate access token (candidateSession). */
  candidateInvitation: CandidateInvitation;
  /** The interviews the viewer may read, in one organization or in all of theirs. At most 100 per page; 20 unless asked. */
  interviews: InterviewConnection;
  /** Any object by its global ID; null if it is not visible. */
  node: Maybe<Node>;
  /** Objects by global ID, in order (at most 100). */
  nodes: Array<Maybe<Node>>;
  /** The viewer's own assignments, oldest first, optionally of one status. Candidates appear under pseudonyms. At most 100 per page; 20 unless asked. */
  reviewQueue: AssignmentConnection;
  /** A direct upload of yours, with the parts storage holds. */
  videoUpload: Maybe<VideoUpload>;
  /** The signed-in user, or null without a token. */
  viewer: Maybe<User>;
};


export type QueryInterviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InterviewFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<InterviewOrder>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryReviewQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<AssignmentStatus>;
};


export type QueryVideoUploadArgs = {
  id: Scalars['ID']['input'];
};

/** One question of an interview. */
export type Question = Node & {
  __typename?: 'Question';
  /** The longest an answer may be. */
  answerTimeSeconds: Scalars['Int']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  interview: Interview;
  /** 1 for the first question, and so on. */
  position: Scalars['Int']['output'];
  /** How many times a candidate may record again. */
  retakes: Scalars['Int']['output'];
  text: Scalars['String']['output'];
  /** Time to read and think before recording starts. */
  thinkTimeSeconds: Scalars['Int']['output'];
  /** The recruiter's recording of the question, if any. */
  videoPrompt: Maybe<Video>;
};

/** A question; times are in seconds. */
export type QuestionInput = {
  /** 10 to 1,800. */
  answerTimeSeconds?: Scalars['Int']['input'];
  /** 0 to 10. */
  retakes?: Scalars['Int']['input'];
  /** 1 to 2,000 characters. */
  text: Scalars['String']['input'];
  /** 0 to 600. */
  thinkTimeSeconds?: Scalars['Int']['input'];
  /** A video of the same organization, played as the question. */
  videoPromptId?: InputMaybe<Scalars['ID']['input']>;
};

/** One score of one answer on one criterion. */
export type Rating = {
  __typename?: 'Rating';
  criterion: Maybe<Criterion>;
  note: Scalars['String']['output'];
  question: Question;
  /** 1 to 5, as the criterion's anchors describe. */
  score: Scalars['Int']['output'];
};

/** One score of one answer on one criterion. */
export type RatingInput = {
  criterionId: Scalars['ID']['input'];
  /** Up to 2,000 characters. */
  note?: Scalars['String']['input'];
  questionId: Scalars['ID']['input'];
  /** 1 to 5, as the criterion's anchors describe. */
  score: Scalars['Int']['input'];
};

/** The evaluator's overall advice, apart from the scores. */
export type Recommendation =
  | 'NO'
  | 'STRONG_NO'
  | 'STRONG_YES'
  | 'YES';

export type RefreshTokenInput = {
  refreshToken: Scalars['String']['input'];
};

export type RemoveMemberInput = {
  organizationId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};

export type RemoveMemberPayload = {
  __typename?: 'RemoveMemberPayload';
  errors: Array<UserError>;
  organization: Maybe<Organization>;
};

export type RemoveQuestionInput = {
  questionId: Scalars['ID']['input'];
};

export type RemoveQuestionPayload = {
  __typename?: 'RemoveQuestionPayload';
  errors: Array<UserError>;
  interview: Maybe<Interview>;
};

export type ReorderQuestionsInput = {
  interviewId: Scalars['ID']['input'];
  /** Every question of the interview, once, in the new order. */
  questionIds: Array<Scalars['ID']['input']>;
};

export type ReorderQuestionsPayload = {
  __typename?: 'ReorderQuestionsPayload';
  errors: Array<UserError>;
  interview: Maybe<Interview>;
};

/** A file made from an interview's review, for the member who asked for it. Built in the background: poll it with node(id:) until it is READY. */
export type Report = Node & {
  __typename?: 'Report';
  contentType: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /**
   * Why it FAILED, in words; null otherwise.
   * @deprecated Use failure { code message }: it carries a code to act on.
   */
  error: Maybe<Scalars['String']['output']>;
  /** Why it FAILED: a code to act on, and a message; null otherwise. */
  failure: Maybe<ReportError>;
  filename: Scalars['String']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  interview: Interview;
  kind: ReportKind;
  /** Set once it is READY. */
  sizeBytes: Maybe<Scalars['BigInt']['output']>;
  status: ReportStatus;
  /** A signed link to the file, valid for a limited time (VECTOR_SIGNED_URL_SECONDS); null until it is READY. Ask again for a fresh one. */
  url: Maybe<Scalars['String']['output']>;
};

/** Why a report FAILED, like the errors of mutation payloads. */
export type ReportError = {
  __typename?: 'ReportError';
  /** REPORT_FAILED: it could not be built (trying again may help; if it fails again, the interview's data needs a look). STORAGE_UNAVAILABLE: it could not be stored; try again in a few minutes. */
  code: ErrorCode;
  /** The same in words, for people. */
  message: Scalars['String']['output'];
};

/** CANDIDATE_PDF: one candidate's scores, comments and standing. INTERVIEW_CSV: one row per candidate, ranked. INTERVIEW_PDF: the ranked table with charts. */
export type ReportKind =
  | 'CANDIDATE_PDF'
  | 'INTERVIEW_CSV'
  | 'INTERVIEW_PDF';

/** PENDING: being built; ask again (node(id:)) in a moment. READY: download it from url. FAILED: it could not be built; failure says why. */
export type ReportStatus =
  | 'FAILED'
  | 'PENDING'
  | 'READY';

export type ResendInvitationPayload = {
  __typename?: 'ResendInvitationPayload';
  errors: Array<UserError>;
  invitation: Maybe<CandidateInvitation>;
};

/** A candidate's answer to one question, under review. */
export type ReviewAnswer = {
  __typename?: 'ReviewAnswer';
  question: Question;
  /** The recording; null if none was stored. */
  video: Maybe<ReviewVideo>;
};

/** A recording of an answer, as evaluators see it: no file name, uploader or times, only what is needed to play it. */
export type ReviewVideo = {
  __typename?: 'ReviewVideo';
  contentType: Maybe<Scalars['String']['output']>;
  durationSeconds: Maybe<Scalars['Float']['output']>;
  height: Maybe<Scalars['Int']['output']>;
  /** A signed link to a still from the recording (JPEG), like `url`; null until the still is made (a moment after the answer is stored). */
  posterUrl: Maybe<Scalars['String']['output']>;
  /** A signed link to play the recording, valid for a limited time (VECTOR_SIGNED_URL_SECONDS). Ask again for a fresh one. */
  url: Maybe<Scalars['String']['output']>;
  width: Maybe<Scalars['Int']['output']>;
};

export type ReviseEvaluationInput = {
  assignmentId: Scalars['ID']['input'];
  /** Up to 10,000 characters. */
  comment?: Scalars['String']['input'];
  /** A score for every question on every criterion that applies to it. */
  ratings: Array<RatingInput>;
  recommendation?: InputMaybe<Recommendation>;
};

export type ReviseEvaluationPayload = {
  __typename?: 'ReviseEvaluationPayload';
  assignment: Maybe<Assignment>;
  errors: Array<UserError>;
  /** The new version; the earlier ones are kept. */
  evaluation: Maybe<Evaluation>;
};

export type RevokeInvitationPayload = {
  __typename?: 'RevokeInvitationPayload';
  errors: Array<UserError>;
  invitation: Maybe<CandidateInvitation>;
};

export type RevokeMemberInvitationInput = {
  invitationId: Scalars['ID']['input'];
};

export type RevokeMemberInvitationPayload = {
  __typename?: 'RevokeMemberInvitationPayload';
  errors: Array<UserError>;
  organization: Maybe<Organization>;
  revokedInvitationId: Maybe<Scalars['ID']['output']>;
};

/** A member's role. OWNER: everything, including members. RECRUITER: create and change interviews. EVALUATOR: read interviews and review answers. */
export type Role =
  | 'EVALUATOR'
  | 'OWNER'
  | 'RECRUITER';

/** How evaluators score an interview's answers. */
export type Rubric = Node & {
  __typename?: 'Rubric';
  /** The criteria, in order. */
  criteria: Array<Criterion>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  interview: Interview;
  /** When the first evaluation was submitted against it. */
  lockedAt: Maybe<Scalars['DateTime']['output']>;
  status: RubricStatus;
  updatedAt: Scalars['DateTime']['output'];
};

/** EDITABLE: owners and recruiters may still replace it. LOCKED: an evaluation has been submitted against it, so it no longer changes. */
export type RubricStatus =
  | 'EDITABLE'
  | 'LOCKED';

/** Where a total probably lies: a bootstrap over the evaluators. */
export type ScoreInterval = {
  __typename?: 'ScoreInterval';
  high: Scalars['Float']['output'];
  low: Scalars['Float']['output'];
};

export type SetInterviewStatusInput = {
  interviewId: Scalars['ID']['input'];
  status: InterviewStatus;
};

export type SetInterviewStatusPayload = {
  __typename?: 'SetInterviewStatusPayload';
  errors: Array<UserError>;
  interview: Maybe<Interview>;
};

export type SetRubricInput = {
  /** 1 to 10 criteria, in order. */
  criteria: Array<CriterionInput>;
  interviewId: Scalars['ID']['input'];
};

export type SetRubricPayload = {
  __typename?: 'SetRubricPayload';
  errors: Array<UserError>;
  rubric: Maybe<Rubric>;
};

export type SignupInput = {
  email: Scalars['String']['input'];
  /** From an invitation to an organization: join it, sent to this email address, instead of getting an organization of one's own. */
  invitationToken?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  /** The password again, to catch typing errors. */
  password2: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

export type StartAnswerInput = {
  questionId: Scalars['ID']['input'];
};

export type StartAnswerPayload = {
  __typename?: 'StartAnswerPayload';
  answer: Maybe<Answer>;
  errors: Array<UserError>;
};

export type StartVideoUploadInput = {
  contentType?: Scalars['String']['input'];
  filename: Scalars['String']['input'];
  /** The organization the video belongs to (its members see it); by default the viewer's first organization where they are an owner or recruiter. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  sizeBytes: Scalars['BigInt']['input'];
  title: Scalars['String']['input'];
};

export type StartVideoUploadPayload = {
  __typename?: 'StartVideoUploadPayload';
  errors: Array<UserError>;
  upload: Maybe<VideoUpload>;
};

/** How much of its storage the organization uses, measured as uploads are judged: past quotaBytes, or with pendingUploadLimit uploads open, uploadVideo and startVideoUpload are refused (STORAGE_QUOTA_EXCEEDED, TOO_MANY_PENDING_UPLOADS). */
export type StorageUse = {
  __typename?: 'StorageUse';
  /** The declared size of direct uploads still open (their parts take space). */
  pendingBytes: Scalars['BigInt']['output'];
  /** VECTOR_ORGANIZATION_PENDING_UPLOADS; null: no limit. */
  pendingUploadLimit: Maybe<Scalars['Int']['output']>;
  /** Members' direct uploads open now (candidates' answers are bounded per invitation instead). */
  pendingUploads: Scalars['Int']['output'];
  /** VECTOR_ORGANIZATION_STORAGE_BYTES; null: no limit. */
  quotaBytes: Maybe<Scalars['BigInt']['output']>;
  /** The size of the videos kept. */
  storedBytes: Scalars['BigInt']['output'];
  /** storedBytes + pendingBytes: what counts against quotaBytes. */
  usedBytes: Scalars['BigInt']['output'];
};

/** A submitted candidate's place in the interview's ranking. */
export type SubmissionResult = {
  __typename?: 'SubmissionResult';
  /** The same from rater-corrected ratings: harsh and lenient evaluators count alike once they have rated enough submissions. */
  correctedTotal: Maybe<Scalars['Float']['output']>;
  /** The scores by criterion, in the rubric's order. */
  criteria: Array<CriterionResult>;
  /** The corrected total's uncertainty; null with fewer than two evaluators. */
  interval: Maybe<ScoreInterval>;
  /** The candidate, by name: shown to owners and recruiters, and each first showing to a member is audited. */
  invitation: Maybe<CandidateInvitation>;
  /** 1 for the highest corrected total; equal totals share a rank. Null without a total (a criterion nobody rated yet). */
  rank: Maybe<Scalars['Int']['output']>;
  ratings: Scalars['Int']['output'];
  /** The weighted mean of the criterion scores, from the raw ratings (1-5). */
  rawTotal: Maybe<Scalars['Float']['output']>;
  /** Questions answered and time used; not part of any score. */
  signals: Maybe<SubmissionSignalsType>;
};

/** A page of a list, with cursors to move on from it. */
export type SubmissionResultConnection = {
  __typename?: 'SubmissionResultConnection';
  edges: Array<SubmissionResultEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An item of a list, with its position as a cursor. */
export type SubmissionResultEdge = {
  __typename?: 'SubmissionResultEdge';
  /** Where this item is, to page on from it. */
  cursor: Scalars['String']['output'];
  node: SubmissionResult;
};

/** Automatic signals about a submission, shown apart from the scores and never mixed into them. */
export type SubmissionSignalsType = {
  __typename?: 'SubmissionSignalsType';
  questionsAnswered: Scalars['Int']['output'];
  questionsTotal: Scalars['Int']['output'];
  secondsAllowed: Scalars['Float']['output'];
  secondsUsed: Scalars['Float']['output'];
};

/** A submission that reached the review; null fields in the first message. Evaluators get their own blind assignment of it. */
export type SubmissionUpdate = {
  __typename?: 'SubmissionUpdate';
  /** The viewer's assignment of the submission, when it was assigned to them. */
  assignment: Maybe<Assignment>;
  /** The candidate who submitted: for owners and recruiters only. */
  invitation: Maybe<CandidateInvitation>;
};

export type SubmitAnswerInput = {
  /** The recording, sent as in the GraphQL multipart request spec. */
  file?: InputMaybe<Scalars['Upload']['input']>;
  questionId: Scalars['ID']['input'];
  /** Or: a direct upload started with startVideoUpload and its parts sent; it is assembled and checked here. */
  videoUploadId?: InputMaybe<Scalars['ID']['input']>;
};

export type SubmitAnswerPayload = {
  __typename?: 'SubmitAnswerPayload';
  answer: Maybe<Answer>;
  errors: Array<UserError>;
};

export type SubmitEvaluationInput = {
  assignmentId: Scalars['ID']['input'];
  /** Up to 10,000 characters. */
  comment?: Scalars['String']['input'];
  /** A score for every question on every criterion that applies to it. */
  ratings: Array<RatingInput>;
  recommendation?: InputMaybe<Recommendation>;
};

export type SubmitEvaluationPayload = {
  __typename?: 'SubmitEvaluationPayload';
  assignment: Maybe<Assignment>;
  errors: Array<UserError>;
  evaluation: Maybe<Evaluation>;
};

export type SubmitInterviewPayload = {
  __typename?: 'SubmitInterviewPayload';
  errors: Array<UserError>;
  invitation: Maybe<CandidateInvitation>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Each evaluation submitted or revised in the interview, on any server. Owners and recruiters get every one; evaluators only their own. Whoever may read the interview may subscribe; the first message, without an evaluation, says it is live. */
  evaluationSubmitted: EvaluationUpdate;
  /** The interview as it is, then again each time it changes: its fields, status, questions or rubric, by anyone, on any server. The first message says the subscription is live. Ends when it is deleted, or when the viewer may no longer read it. Whoever may read the interview. */
  interviewUpdated: Interview;
  /** Each submission that reaches the interview's review, on any server: for owners and recruiters every submitted candidate; for evaluators the submissions assigned to them, as their blind assignments. Whoever may read the interview may subscribe; the first message, with nothing in it, says it is live. */
  submissionReceived: SubmissionUpdate;
};


export type SubscriptionEvaluationSubmittedArgs = {
  interviewId: Scalars['ID']['input'];
};


export type SubscriptionInterviewUpdatedArgs = {
  interviewId: Scalars['ID']['input'];
};


export type SubscriptionSubmissionReceivedArgs = {
  interviewId: Scalars['ID']['input'];
};

/** Fields left out stay as they are. null clears description and answerDeadline; on any other field null is a REQUIRED error, and then nothing is changed. */
export type UpdateInterviewInput = {
  /** When answers close; null removes it. */
  answerDeadline?: InputMaybe<Scalars['DateTime']['input']>;
  /** Up to 10,000 characters; null empties it. */
  description?: InputMaybe<Scalars['String']['input']>;
  interviewId: Scalars['ID']['input'];
  /** 1 to 200 characters; null is REQUIRED. */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateInterviewPayload = {
  __typename?: 'UpdateInterviewPayload';
  errors: Array<UserError>;
  interview: Maybe<Interview>;
};

/** Fields left out stay as they are. null clears videoPromptId; on any other field null is a REQUIRED error, and then nothing is changed. */
export type UpdateQuestionInput = {
  /** 10 to 1,800; null is REQUIRED. */
  answerTimeSeconds?: InputMaybe<Scalars['Int']['input']>;
  questionId: Scalars['ID']['input'];
  /** 0 to 10; null is REQUIRED. */
  retakes?: InputMaybe<Scalars['Int']['input']>;
  /** 1 to 2,000 characters; null is REQUIRED. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** 0 to 600; null is REQUIRED. */
  thinkTimeSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** A video of the same organization; null removes it. */
  videoPromptId?: InputMaybe<Scalars['ID']['input']>;
};

export type UpdateQuestionPayload = {
  __typename?: 'UpdateQuestionPayload';
  errors: Array<UserError>;
  question: Maybe<Question>;
};

/** One part of a direct upload. */
export type UploadPart = {
  __typename?: 'UploadPart';
  etag: Maybe<Scalars['String']['output']>;
  partNumber: Scalars['Int']['output'];
  /** How many bytes this part must carry. */
  sizeBytes: Scalars['BigInt']['output'];
  /** Storage holds this part already. */
  uploaded: Scalars['Boolean']['output'];
  /** PUT the part's raw bytes here; the response's ETag header goes into completeVideoUpload. Null once the upload is closed. A fresh URL comes with every read. */
  url: Maybe<Scalars['String']['output']>;
};

export type UploadVideoInput = {
  /** The file, sent as in the GraphQL multipart request spec. */
  file: Scalars['Upload']['input'];
  /** The organization the video belongs to (its members see it); by default the viewer's first organization where they are an owner or recruiter. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

export type UploadVideoPayload = {
  __typename?: 'UploadVideoPayload';
  errors: Array<UserError>;
  video: Maybe<Video>;
};

/** A person with an account. */
export type User = Node & {
  __typename?: 'User';
  dateJoined: Scalars['DateTime']['output'];
  /** The user's email address, visible only to the user themself: an empty string for everyone else (so that asking for it never costs the rest of a response). */
  email: Scalars['String']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** The user's organizations and roles: all of them for the user themself, else those the viewer shares with them. */
  memberships: Array<Membership>;
  username: Scalars['String']['output'];
};

/** A problem the user can fix, pointing at the input field. */
export type UserError = {
  __typename?: 'UserError';
  code: ErrorCode;
  /** Path to the input field, e.g. ['questions', '3', 'text']; null for the whole input. */
  field: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
  /** With RATE_LIMITED: how long to wait before trying again. */
  retryAfterSeconds: Maybe<Scalars['Int']['output']>;
};

/** A probed video. Its bytes are reached through a signed `url`. */
export type Video = Node & {
  __typename?: 'Video';
  codec: Scalars['String']['output'];
  /** Decided from the content, not the name. */
  contentType: Scalars['String']['output'];
  durationSeconds: Scalars['Float']['output'];
  /** Display height, after rotation. */
  height: Scalars['Int']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** The organization whose members see this video. */
  organization: Organization;
  /** A signed link to a still of the video (JPEG, at most 640 pixels wide), valid as long as `url`. Null until the poster is made, shortly after the video is stored, or if no frame of the video could be decoded. */
  posterUrl: Maybe<Scalars['String']['output']>;
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['BigInt']['output'];
  title: Scalars['String']['output'];
  uploadedAt: Scalars['DateTime']['output'];
  /** The member who uploaded it; null for a candidate's answer. */
  uploadedBy: Maybe<User>;
  /** A signed link to the file, valid for a limited time (VECTOR_SIGNED_URL_SECONDS). */
  url: Scalars['String']['output'];
  /** Display width, after rotation. */
  width: Scalars['Int']['output'];
};

/** A large file sent straight to storage in parts. Parts can be retried or resumed; ask `videoUpload(id:)` which are stored. */
export type VideoUpload = Node & {
  __typename?: 'VideoUpload';
  contentType: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Why a FAILED or ABORTED upload ended, when the server ended it. */
  failureCode: Maybe<ErrorCode>;
  filename: Scalars['String']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  partCount: Scalars['Int']['output'];
  partSizeBytes: Scalars['BigInt']['output'];
  /** Every part, with whether storage holds it and a fresh URL to send it to. */
  parts: Array<UploadPart>;
  sizeBytes: Scalars['BigInt']['output'];
  status: VideoUploadStatus;
  title: Scalars['String']['output'];
  video: Maybe<Video>;
};

export type VideoUploadStatus =
  | 'ABORTED'
  | 'COMPLETED'
  | 'COMPLETING'
  | 'FAILED'
  | 'PENDING';

export type SignupMutationVariables = Exact<{
  input: SignupInput;
}>;


export type SignupMutation = { __typename?: 'Mutation', signup: { __typename?: 'AuthPayload', accessToken: string | null, refreshToken: string | null, user: { __typename?: 'User', id: string, username: string, dateJoined: string } | null, errors: Array<{ __typename?: 'UserError', field: Array<string> | null, message: string, code: ErrorCode }> } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', accessToken: string | null, refreshToken: string | null, user: { __typename?: 'User', id: string, username: string } | null, errors: Array<{ __typename?: 'UserError', field: Array<string> | null, message: string, code: ErrorCode, retryAfterSeconds: number | null }> } };

export type RefreshTokenMutationVariables = Exact<{
  input: RefreshTokenInput;
}>;


export type RefreshTokenMutation = { __typename?: 'Mutation', refreshToken: { __typename?: 'AuthPayload', accessToken: string | null, refreshToken: string | null, errors: Array<{ __typename?: 'UserError', message: string, code: ErrorCode }> } };

export type LogoutMutationVariables = Exact<{
  input: LogoutInput;
}>;


export type LogoutMutation = { __typename?: 'Mutation', logout: { __typename?: 'LogoutPayload', ok: boolean, errors: Array<{ __typename?: 'UserError', message: string, code: ErrorCode }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'User', id: string, username: string, email: string, dateJoined: string, memberships: Array<{ __typename?: 'Membership', role: Role, organization: { __typename?: 'Organization', id: string, name: string } }> } | null };

export type InterviewSummaryFragment = { __typename?: 'Interview', id: string, title: string, status: InterviewStatus, answerDeadline: string | null, createdAt: string, questions: Array<{ __typename?: 'Question', id: string, position: number, text: string }> };

export type CreateInterviewMutationVariables = Exact<{
  input: CreateInterviewInput;
}>;


export type CreateInterviewMutation = { __typename?: 'Mutation', createInterview: { __typename?: 'CreateInterviewPayload', interview: { __typename?: 'Interview', id: string, title: string, status: InterviewStatus, answerDeadline: string | null, createdAt: string, questions: Array<{ __typename?: 'Question', id: string, position: number, text: string }> } | null, errors: Array<{ __typename?: 'UserError', field: Array<string> | null, message: string, code: ErrorCode }> } };

export type UpdateInterviewMutationVariables = Exact<{
  input: UpdateInterviewInput;
}>;


export type UpdateInterviewMutation = { __typename?: 'Mutation', updateInterview: { __typename?: 'UpdateInterviewPayload', interview: { __typename?: 'Interview', description: string, id: string, title: string, status: InterviewStatus, answerDeadline: string | null, createdAt: string, questions: Array<{ __typename?: 'Question', id: string, position: number, text: string }> } | null, errors: Array<{ __typename?: 'UserError', field: Array<string> | null, message: string, code: ErrorCode }> } };

export type InterviewsQueryVariables = Exact<{
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InterviewFilterInput>;
  orderBy?: InputMaybe<InterviewOrder>;
}>;


export type InterviewsQuery = { __typename?: 'Query', interviews: { __typename?: 'InterviewConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename?: 'InterviewEdge', cursor: string, node: { __typename?: 'Interview', id: string, title: string, status: InterviewStatus, answerDeadline: string | null, createdAt: string, questions: Array<{ __typename?: 'Question', id: string, position: number, text: string }> } }> } };

export type UploadVideoMutationVariables = Exact<{
  input: UploadVideoInput;
}>;


export type UploadVideoMutation = { __typename?: 'Mutation', uploadVideo: { __typename?: 'UploadVideoPayload', video: { __typename?: 'Video', id: string, title: string, contentType: string, sizeBytes: number, durationSeconds: number, width: number, height: number, uploadedAt: string, url: string } | null, errors: Array<{ __typename?: 'UserError', field: Array<string> | null, message: string, code: ErrorCode }> } };

export type StartVideoUploadMutationVariables = Exact<{
  input: StartVideoUploadInput;
}>;


export type StartVideoUploadMutation = { __typename?: 'Mutation', startVideoUpload: { __typename?: 'StartVideoUploadPayload', upload: { __typename?: 'VideoUpload', id: string, status: VideoUploadStatus, sizeBytes: number, partSizeBytes: number, partCount: number, failureCode: ErrorCode | null, parts: Array<{ __typename?: 'UploadPart', partNumber: number, sizeBytes: number, url: string | null, uploaded: boolean }> } | null, errors: Array<{ __typename?: 'UserError', field: Array<string> | null, message: string, code: ErrorCode }> } };

export const InterviewSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterviewSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"answerDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<InterviewSummaryFragment, unknown>;
export const SignupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Signup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"dateJoined"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SignupMutation, SignupMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RefreshTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogoutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"dateJoined"}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const CreateInterviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateInterview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateInterviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createInterview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterviewSummary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterviewSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"answerDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<CreateInterviewMutation, CreateInterviewMutationVariables>;
export const UpdateInterviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateInterview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateInterviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateInterview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterviewSummary"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterviewSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"answerDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<UpdateInterviewMutation, UpdateInterviewMutationVariables>;
export const InterviewsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Interviews"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InterviewFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InterviewOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"organizationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InterviewSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InterviewSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"answerDeadline"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"questions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]} as unknown as DocumentNode<InterviewsQuery, InterviewsQueryVariables>;
export const UploadVideoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadVideo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UploadVideoInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadVideo"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"video"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"uploadedAt"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UploadVideoMutation, UploadVideoMutationVariables>;
export const StartVideoUploadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartVideoUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartVideoUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startVideoUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"partSizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"partCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCode"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partNumber"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"uploaded"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<StartVideoUploadMutation, StartVideoUploadMutationVariables>;