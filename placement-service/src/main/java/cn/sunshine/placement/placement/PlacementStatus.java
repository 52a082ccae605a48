package cn.sunshine.placement.placement;

/** CURRENT: the trainee works there (the trainee's one current placement); LEFT: the trainee left it. */
public enum PlacementStatus {
    CURRENT,
    LEFT
}
