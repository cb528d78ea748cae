package student

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/student/match"
)

// suggestionsShown is how many mentors a student's suggestions list.
const suggestionsShown = 5

// MentorSuggestion is one mentor proposed for a student, with why.
type MentorSuggestion struct {
	MentorID   int64          `json:"mentor_id"`
	MentorName string         `json:"mentor_name"`
	Kind       string         `json:"kind"`
	Points     int            `json:"points"`
	Free       int            `json:"free"`
	Reasons    []match.Reason `json:"-"`
	Reason     string         `json:"reason"` // one localized line, filled by the caller's language
}

// StudentSuggestions is an unpaired student with their best mentors.
type StudentSuggestions struct {
	StudentID   int64              `json:"student_id"`
	StudentName string             `json:"student_name"`
	University  string             `json:"university"`
	Wants       []string           `json:"wants"`
	Languages   []string           `json:"languages"`
	Mentors     []MentorSuggestion `json:"mentors"`
}

// ProposedPair is one pair of a bulk proposal.
type ProposedPair struct {
	StudentID   int64          `json:"student_id"`
	StudentName string         `json:"student_name"`
	MentorID    int64          `json:"mentor_id"`
	MentorName  string         `json:"mentor_name"`
	Points      int            `json:"points"`
	Reasons     []match.Reason `json:"-"`
	Reason      string         `json:"reason"`
}

// Proposal is a whole term's assignment, proposed and not yet written.
type Proposal struct {
	Pairs     []ProposedPair   `json:"pairs"`
	Unmatched []int64          `json:"unmatched"`
	Names     map[int64]string `json:"-"` // names of the unmatched students
	Matched   int              `json:"matched"`
	Total     int              `json:"total"`
	CutShort  bool             `json:"cut_short"`
}

// PairRef names one pair to write.
type PairRef struct {
	StudentID int64 `json:"student_id"`
	MentorID  int64 `json:"mentor_id"`
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

func idOf(s string) int64 { id, _ := strconv.ParseInt(s, 10, 64); return id }

func matchStudent(p *StudentProfile) match.Student {
	return match.Student{ID: idString(p.UserID), University: p.University, Field: p.Faculty,
		Languages: p.Languages, Interests: p.Interests, Wants: p.Wants}
}

func matchMentor(m *MentorProfile) match.Mentor {
	return match.Mentor{ID: idString(m.UserID), University: m.University, Field: m.Field, Languages: m.Languages,
		Interests: m.Interests, Offers: m.Offers, Capacity: m.Capacity, Current: m.Active}
}

func scorePair(st *StudentProfile, m *MentorProfile) (int, []match.Reason) {
	return match.Score(matchStudent(st), matchMentor(m))
}

// pool is what matching works on: the verified mentors with a free place.
func (s *Mentoring) pool(ctx context.Context) ([]match.Mentor, map[int64]*MentorProfile, error) {
	ms, err := listMentors(ctx, s.db, true)
	if err != nil {
		return nil, nil, err
	}
	var out []match.Mentor
	byID := map[int64]*MentorProfile{}
	for _, m := range ms {
		if mm := matchMentor(m); mm.Free() > 0 {
			out = append(out, mm)
			byID[m.UserID] = m
		}
	}
	return out, byID, nil
}

// Suggestions lists the visible students without a mentor, each with their best verified
// mentors with a free place (coordinators).
func (s *Mentoring) Suggestions(ctx context.Context, v *web.Viewer) ([]StudentSuggestions, error) {
	if err := coordinator(v); err != nil {
		return nil, err
	}
	students, err := unpairedVisibleStudents(ctx, s.db)
	if err != nil {
		return nil, err
	}
	mentors, byID, err := s.pool(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]StudentSuggestions, len(students))
	var ids []int64
	for i, st := range students {
		out[i] = StudentSuggestions{StudentID: st.UserID, University: st.University, Wants: st.Wants, Languages: st.Languages,
			Mentors: suggestionsFor(st, mentors, byID)}
		ids = append(ids, st.UserID)
	}
	for _, m := range byID {
		ids = append(ids, m.UserID)
	}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].StudentName = cs[out[i].StudentID].Name
		for j := range out[i].Mentors {
			out[i].Mentors[j].MentorName = cs[out[i].Mentors[j].MentorID].Name
		}
	}
	return out, nil
}

func suggestionsFor(st *StudentProfile, mentors []match.Mentor, byID map[int64]*MentorProfile) []MentorSuggestion {
	out := []MentorSuggestion{}
	for _, sg := range match.Suggest(matchStudent(st), mentors, suggestionsShown) {
		id := idOf(sg.MentorID)
		out = append(out, MentorSuggestion{MentorID: id, Kind: byID[id].Kind, Points: sg.Points, Free: sg.Free, Reasons: sg.Reasons})
	}
	return out
}

// Choices are the mentors a student may pick when the programme lets students choose:
// their own suggestions, none once they have a mentor or when choosing is off.
func (s *Mentoring) Choices(ctx context.Context, v *web.Viewer) ([]MentorSuggestion, error) {
	if err := signedIn(v); err != nil {
		return nil, err
	}
	on, err := studentsChoose(ctx, s.db)
	if err != nil || !on {
		return nil, err
	}
	st, err := studentProfileByUser(ctx, s.db, v.ID)
	if errors.Is(err, errProfileNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var paired int
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM student_pairings WHERE student_id = ? AND status = 'active'`, v.ID).Scan(&paired); err != nil || paired > 0 {
		return nil, err
	}
	mentors, byID, err := s.pool(ctx)
	if err != nil {
		return nil, err
	}
	out := suggestionsFor(st, mentors, byID)
	ids := make([]int64, len(out))
	for i, m := range out {
		ids[i] = m.MentorID
	}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].MentorName = cs[out[i].MentorID].Name
	}
	return out, nil
}

// Propose runs bulk matching over every visible unpaired student and every verified
// mentor with a free place: as many students matched as possible, then the best total.
// Nothing is written; ConfirmAll writes the pairs.
func (s *Mentoring) Propose(ctx context.Context, v *web.Viewer) (*Proposal, error) {
	if err := coordinator(v); err != nil {
		return nil, err
	}
	students, err := unpairedVisibleStudents(ctx, s.db)
	if err != nil {
		return nil, err
	}
	mentors, byID, err := s.pool(ctx)
	if err != nil {
		return nil, err
	}
	ms := make([]match.Student, len(students))
	byStudent := map[int64]*StudentProfile{}
	for i, st := range students {
		ms[i] = matchStudent(st)
		byStudent[st.UserID] = st
	}
	var opts match.Options
	if dl, ok := ctx.Deadline(); ok {
		opts.Deadline = dl
	}
	a, err := match.Assign(ms, mentors, opts)
	if err != nil {
		return nil, err
	}
	p := &Proposal{Pairs: []ProposedPair{}, Unmatched: []int64{}, Matched: a.Matched, Total: a.Total, CutShort: a.CutShort}
	var ids []int64
	for _, pr := range a.Pairs {
		sid, mid := idOf(pr.StudentID), idOf(pr.MentorID)
		_, reasons := scorePair(byStudent[sid], byID[mid])
		p.Pairs = append(p.Pairs, ProposedPair{StudentID: sid, MentorID: mid, Points: pr.Points, Reasons: reasons})
		ids = append(ids, sid, mid)
	}
	for _, u := range a.Unmatched {
		p.Unmatched = append(p.Unmatched, idOf(u))
		ids = append(ids, idOf(u))
	}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	p.Names = map[int64]string{}
	for i := range p.Pairs {
		p.Pairs[i].StudentName, p.Pairs[i].MentorName = cs[p.Pairs[i].StudentID].Name, cs[p.Pairs[i].MentorID].Name
	}
	for _, id := range p.Unmatched {
		p.Names[id] = cs[id].Name
	}
	return p, nil
}

// ConfirmAll writes a proposal's pairs in one transaction, each checked as a single
// pairing is (under the mentor's lock). If any no longer fits, because a pair was made
// meanwhile or a profile changed, nothing is written and errProposalChanged says so.
func (s *Mentoring) ConfirmAll(ctx context.Context, v *web.Viewer, pairs []PairRef) (int, error) {
	if err := coordinator(v); err != nil {
		return 0, err
	}
	if len(pairs) == 0 {
		return 0, fail.Fields{"pairs": "student.mentoring.error.no_pairs"}
	}
	var ids []int64
	for _, p := range pairs {
		ids = append(ids, p.StudentID, p.MentorID)
	}
	cs, err := s.dir.Contacts(ctx, ids)
	if err != nil {
		return 0, err
	}
	// Mentors are locked in id order, so two confirms running at once on PostgreSQL wait
	// for each other instead of deadlocking.
	ordered := slices.Clone(pairs)
	slices.SortStableFunc(ordered, func(a, b PairRef) int { return cmp.Compare(a.MentorID, b.MentorID) })
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		for _, p := range ordered {
			if _, err := s.pairTx(ctx, tx, v, p.StudentID, p.MentorID, cs); err != nil {
				var fields fail.Fields
				if errors.As(err, &fields) {
					return errProposalChanged
				}
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(pairs), nil
}

// IsProposalChanged reports whether err says a bulk proposal went stale.
func IsProposalChanged(err error) bool { return errors.Is(err, errProposalChanged) }
