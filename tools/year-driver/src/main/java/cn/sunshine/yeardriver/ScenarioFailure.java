package cn.sunshine.yeardriver;

/** A step of the year did not go as the actors expect: the call, and what the service answered. */
public class ScenarioFailure extends RuntimeException {

    public ScenarioFailure(String message) {
        super(message);
    }
}
