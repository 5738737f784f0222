package io.fwcheck.engine;

/** A binary operation on terminal values, applied point-wise to two diagrams. */
interface Op {
    int apply(int a, int b);

    /** A result known without looking below {@code a} and {@code b}, or null. */
    default Node shortcut(FlowSpace space, Node a, Node b) {
        return null;
    }

    /**
     * Whether {@code a} alone decides the result, whatever the right operand: then
     * {@link #shortcut} answers for it with any right operand.
     */
    default boolean absorbsLeft(FlowSpace space, Node a) {
        return false;
    }

    /** Whether {@code b} alone decides the result, whatever the left operand. */
    default boolean absorbsRight(FlowSpace space, Node b) {
        return false;
    }

    Op AND = new Op() {
        @Override
        public int apply(int a, int b) {
            return a & b;
        }

        @Override
        public Node shortcut(FlowSpace s, Node a, Node b) {
            if (a == s.zero || b == s.zero) {
                return s.zero;
            }
            if (a == s.one || a == b) {
                return b;
            }
            return b == s.one ? a : null;
        }

        @Override
        public boolean absorbsLeft(FlowSpace s, Node a) {
            return a == s.zero;
        }

        @Override
        public boolean absorbsRight(FlowSpace s, Node b) {
            return b == s.zero;
        }
    };

    Op OR = new Op() {
        @Override
        public int apply(int a, int b) {
            return a | b;
        }

        @Override
        public Node shortcut(FlowSpace s, Node a, Node b) {
            if (a == s.one || b == s.one) {
                return s.one;
            }
            if (a == s.zero || a == b) {
                return b;
            }
            return b == s.zero ? a : null;
        }

        @Override
        public boolean absorbsLeft(FlowSpace s, Node a) {
            return a == s.one;
        }

        @Override
        public boolean absorbsRight(FlowSpace s, Node b) {
            return b == s.one;
        }
    };

    Op DIFF = new Op() {
        @Override
        public int apply(int a, int b) {
            return a & ~b & 1;
        }

        @Override
        public Node shortcut(FlowSpace s, Node a, Node b) {
            if (a == s.zero || b == s.one || a == b) {
                return s.zero;
            }
            return b == s.zero ? a : null;
        }

        @Override
        public boolean absorbsLeft(FlowSpace s, Node a) {
            return a == s.zero;
        }

        @Override
        public boolean absorbsRight(FlowSpace s, Node b) {
            return b == s.one;
        }
    };

    /** {@code a ? value : b}, for a 0/1 diagram {@code a} and any diagram {@code b}. */
    static Op ifThen(int value) {
        return new Op() {
            @Override
            public int apply(int a, int b) {
                return a != 0 ? value : b;
            }

            @Override
            public Node shortcut(FlowSpace s, Node a, Node b) {
                if (a == s.zero) {
                    return b;
                }
                return a == s.one ? s.terminal(value) : null;
            }

            @Override
            public boolean absorbsLeft(FlowSpace s, Node a) {
                return a == s.one;
            }
        };
    }

    /** {@code a ? b : value}: keeps {@code b} where the 0/1 diagram {@code a} holds, else {@code value}. */
    static Op keepWhere(int value) {
        return new Op() {
            @Override
            public int apply(int a, int b) {
                return a != 0 ? b : value;
            }

            @Override
            public Node shortcut(FlowSpace s, Node a, Node b) {
                if (a == s.zero) {
                    return s.terminal(value);
                }
                return a == s.one ? b : null;
            }

            @Override
            public boolean absorbsLeft(FlowSpace s, Node a) {
                return a == s.zero;
            }
        };
    }

    /** Terminal value meaning "no rule matched yet" while rule maps are merged. */
    int NO_MATCH = -1;

    /** First match: {@code a} unless it is {@link #NO_MATCH}, then {@code b}. */
    Op FIRST = new Op() {
        @Override
        public int apply(int a, int b) {
            return a != NO_MATCH ? a : b;
        }

        @Override
        public Node shortcut(FlowSpace s, Node a, Node b) {
            if (a.isTerminal()) {
                return a.value == NO_MATCH ? b : a;
            }
            return b.isTerminal() && b.value == NO_MATCH ? a : null;
        }

        @Override
        public boolean absorbsLeft(FlowSpace s, Node a) {
            return a.isTerminal() && a.value != NO_MATCH;
        }
    };

    /** Verdict bit: the flow may be accepted. */
    int MAY_ACCEPT = 1;
    /** Verdict bit: the flow may be dropped or rejected. */
    int MAY_DENY = 2;
    /** Verdict bit: the flow may pass on to later rules. */
    int MAY_CONTINUE = 4;

    /**
     * First match over verdict bits: where {@code a} may pass on, the outcomes of {@code b} join
     * those of {@code a}. Associative, so rule lists can be merged in any grouping.
     */
    Op FIRST_VERDICT = new Op() {
        @Override
        public int apply(int a, int b) {
            return (a & MAY_CONTINUE) != 0 ? (a & ~MAY_CONTINUE) | b : a;
        }

        @Override
        public Node shortcut(FlowSpace s, Node a, Node b) {
            if (a.isTerminal()) {
                if (a.value == MAY_CONTINUE) {
                    return b;
                }
                if ((a.value & MAY_CONTINUE) == 0) {
                    return a;
                }
            }
            return b.isTerminal() && b.value == MAY_CONTINUE ? a : null;
        }

        @Override
        public boolean absorbsLeft(FlowSpace s, Node a) {
            return a.isTerminal() && (a.value & MAY_CONTINUE) == 0;
        }
    };
}
