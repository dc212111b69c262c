/**
 * The case engine (办件引擎): a pure state machine over frozen runtime definitions. The runner
 * service loads a case's state and pinned definition, calls `step`, and in one transaction saves
 * the new state, appends the audit notes and queues the effects.
 */
export { startCase, step, SUPPLEMENT_REVIEW_DAYS } from './engine';
export {
	availableOutcomes,
	backEdges,
	definitionPosts,
	needsOutcome,
	successors,
	supplementOutcomes
} from './graph';
export * from './types';
