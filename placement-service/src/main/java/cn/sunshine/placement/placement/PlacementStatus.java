package cn.sunshine.placement.placement;

/**
 * CURRENT: the trainee works there (the trainee's one current placement); LEFT: the trainee left it;
 * DISPROVED: a spot check found the trainee was not employed as reported (final: the placement is kept
 * in the trainee's history and counts nowhere; a new job is a new placement).
 */
public enum PlacementStatus {
    CURRENT,
    LEFT,
    DISPROVED
}
