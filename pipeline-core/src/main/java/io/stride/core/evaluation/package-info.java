/**
 * Multi-object tracking accuracy as MOTChallenge and TrackEval score it: the MOT17 preprocessing of ground truth and
 * tracker boxes ({@link io.stride.core.evaluation.MotChallengePreprocessing}), then CLEAR-MOT
 * ({@link io.stride.core.evaluation.ClearMetrics}), identity ({@link io.stride.core.evaluation.IdentityMetrics}) and
 * HOTA ({@link io.stride.core.evaluation.HotaMetrics}) scores. Pure computation: callers read the files.
 */
package io.stride.core.evaluation;
