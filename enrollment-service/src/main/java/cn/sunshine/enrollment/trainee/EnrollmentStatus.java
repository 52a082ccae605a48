package cn.sunshine.enrollment.trainee;

/** Where a trainee stands (docs/enrollment.md). */
public enum EnrollmentStatus { ENROLLED, WITHDRAWN, DROPPED, ASSESSED, COMPLETED }
