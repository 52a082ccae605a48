package cn.sunshine.platform.test.arch.samples.cycle.b;

/** Needs a back. */
public class B {
    public cn.sunshine.platform.test.arch.samples.cycle.a.A a() {
        return new cn.sunshine.platform.test.arch.samples.cycle.a.A();
    }
}
