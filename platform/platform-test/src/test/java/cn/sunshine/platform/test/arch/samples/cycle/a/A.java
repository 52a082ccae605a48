package cn.sunshine.platform.test.arch.samples.cycle.a;

/** A feature that needs b, which needs it back: a cycle. */
public class A {
    public cn.sunshine.platform.test.arch.samples.cycle.b.B b() {
        return new cn.sunshine.platform.test.arch.samples.cycle.b.B();
    }
}
