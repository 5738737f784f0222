package io.fwcheck.engine;

/** A binary operation on terminal values, applied point-wise to two diagrams. */
interface Op {
    int apply(int a, int b);

    /** A result known without looking below {@code a} and {@code b}, or null. */
    default Node shortcut(FlowSpace space, Node a, Node b) {
        return null;
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
        };
    }
}
