package schedule

// FirstComeFirstServed is the baseline the scheduler must beat: meetings in input order,
// each into the earliest slot that takes it, nothing ever moved. Locked meetings stay
// where they are locked. The upper bound and the reasons are computed as in Solve.
func FirstComeFirstServed(in *Instance) (*Schedule, error) {
	p, err := compile(in)
	if err != nil {
		return nil, err
	}
	st := newState(p)
	for m := range p.parts {
		if st.slotOf[m] >= 0 {
			continue
		}
		for _, s := range p.usable[m] {
			if st.fits(m, s) {
				st.place(m, s)
				break
			}
		}
	}
	out := p.output(st, upperBound(p, st.slotOf))
	out.Reasons = explain(st)
	out.Stats.Priority = st.prio
	return out, nil
}
