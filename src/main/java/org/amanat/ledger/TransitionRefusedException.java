package org.amanat.ledger;

/** A partner's report that may not follow the notice's state ({@link StatusTransitions}); nothing was recorded. */
public final class TransitionRefusedException extends RuntimeException {
    private final NoticeState current;
    private final NoticeState reported;

    TransitionRefusedException(NoticeState current, NoticeState reported) {
        super("a notice in state " + current + " cannot become " + reported);
        this.current = current;
        this.reported = reported;
    }

    public NoticeState current() {
        return current;
    }

    public NoticeState reported() {
        return reported;
    }
}
