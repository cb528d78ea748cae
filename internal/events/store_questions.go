package events

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// questionsOf reads an event's questions in form order; withRemoved adds the ones taken off
// the form (for showing the answers they collected).
func questionsOf(ctx context.Context, q db.Querier, eventID int64, withRemoved bool) ([]Question, error) {
	where := " AND deleted_at IS NULL"
	if withRemoved {
		where = ""
	}
	rows, err := q.Query(ctx, `SELECT id, kind, label, help, required, options, deleted_at FROM event_questions
		WHERE event_id = ?`+where+` ORDER BY position, id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Question
	for rows.Next() {
		var (
			qu       Question
			kind     string
			required int
			options  string
			deleted  sql.NullTime
		)
		if err := rows.Scan(&qu.ID, &kind, &qu.Label, &qu.Help, &required, &options, &deleted); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(options), &qu.Options); err != nil {
			return nil, err
		}
		qu.Kind, qu.Required, qu.Removed = QuestionKind(kind), required != 0, deleted.Valid
		out = append(out, qu)
	}
	return out, rows.Err()
}

// consentPurposesOf reads the optional purposes an event's form asks, in form order.
func consentPurposesOf(ctx context.Context, q db.Querier, eventID int64) ([]Purpose, error) {
	rows, err := q.Query(ctx, `SELECT purpose FROM event_consent_purposes WHERE event_id = ?`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	stored := map[Purpose]bool{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		stored[Purpose(p)] = true
	}
	var out []Purpose
	for _, p := range Purposes {
		if stored[p] {
			out = append(out, p)
		}
	}
	return out, rows.Err()
}

// loadQuestionnaire reads what an event's form asks now (questions on the form, consents).
func loadQuestionnaire(ctx context.Context, q db.Querier, eventID int64) (*Questionnaire, error) {
	questions, err := questionsOf(ctx, q, eventID, false)
	if err != nil {
		return nil, err
	}
	consents, err := consentPurposesOf(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	return &Questionnaire{Questions: questions, Consents: consents}, nil
}

func optionsJSON(o []Option) string {
	if o == nil {
		o = []Option{}
	}
	b, _ := json.Marshal(o) // options are strings and a bool: marshalling cannot fail
	return string(b)
}

func insertQuestion(ctx context.Context, q db.Querier, eventID int64, qu *Question, position int) error {
	return q.WriteRow(ctx, `INSERT INTO event_questions (event_id, position, kind, label, help, required, options)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		eventID, position, qu.Kind, qu.Label, qu.Help, boolInt(qu.Required), optionsJSON(qu.Options)).Scan(&qu.ID)
}

func updateQuestion(ctx context.Context, q db.Querier, eventID int64, qu Question, position int) error {
	_, err := q.Exec(ctx, `UPDATE event_questions SET position = ?, label = ?, help = ?, required = ?, options = ?
		WHERE id = ? AND event_id = ?`,
		position, qu.Label, qu.Help, boolInt(qu.Required), optionsJSON(qu.Options), qu.ID, eventID)
	return err
}

// removeQuestion takes a question off the form; its answers stay.
func removeQuestion(ctx context.Context, q db.Querier, id int64, now time.Time) error {
	_, err := q.Exec(ctx, `UPDATE event_questions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`, now, id)
	return err
}

func replaceConsentPurposes(ctx context.Context, q db.Querier, eventID int64, purposes []Purpose) error {
	if _, err := q.Exec(ctx, `DELETE FROM event_consent_purposes WHERE event_id = ?`, eventID); err != nil {
		return err
	}
	for _, p := range purposes {
		if _, err := q.Exec(ctx, `INSERT INTO event_consent_purposes (event_id, purpose) VALUES (?, ?)`, eventID, p); err != nil {
			return err
		}
	}
	return nil
}

func insertAnswers(ctx context.Context, q db.Querier, regID int64, answers map[int64]string) error {
	for qid, v := range answers {
		if _, err := q.Exec(ctx, `INSERT INTO event_answers (registration_id, question_id, value) VALUES (?, ?, ?)`, regID, qid, v); err != nil {
			return err
		}
	}
	return nil
}

func insertConsents(ctx context.Context, q db.Querier, regID int64, consents []Consent) error {
	for _, c := range consents {
		if _, err := q.Exec(ctx, `INSERT INTO event_registration_consents (registration_id, purpose, granted, notice_version, decided_at)
			VALUES (?, ?, ?, ?, ?)`, regID, c.Purpose, boolInt(c.Granted), c.NoticeVersion, c.At); err != nil {
			return err
		}
	}
	return nil
}

// attachDetails fills the answers and consent decisions (the latest per purpose) of regs,
// which all belong to eventID: two queries for the whole list.
func attachDetails(ctx context.Context, q db.Querier, eventID int64, regs []Registration) error {
	if len(regs) == 0 {
		return nil
	}
	at := make(map[int64]*Registration, len(regs))
	for i := range regs {
		at[regs[i].ID] = &regs[i]
	}
	cond, arg := "r.event_id = ?", eventID
	if len(regs) == 1 {
		cond, arg = "r.id = ?", regs[0].ID // one person's page: only their rows
	}
	rows, err := q.Query(ctx, `SELECT a.registration_id, a.question_id, a.value FROM event_answers a
		JOIN event_registrations r ON r.id = a.registration_id WHERE `+cond, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			regID, qid int64
			v          string
		)
		if err := rows.Scan(&regID, &qid, &v); err != nil {
			return err
		}
		if r := at[regID]; r != nil {
			if r.Answers == nil {
				r.Answers = map[int64]string{}
			}
			r.Answers[qid] = v
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	crows, err := q.Query(ctx, `SELECT c.registration_id, c.purpose, c.granted, c.notice_version, c.decided_at
		FROM event_registration_consents c JOIN event_registrations r ON r.id = c.registration_id
		WHERE `+cond+` ORDER BY c.id`, arg)
	if err != nil {
		return err
	}
	defer crows.Close()
	for crows.Next() {
		var (
			regID   int64
			c       Consent
			purpose string
			granted int
		)
		if err := crows.Scan(&regID, &purpose, &granted, &c.NoticeVersion, &c.At); err != nil {
			return err
		}
		c.Purpose, c.Granted, c.At = Purpose(purpose), granted != 0, c.At.UTC()
		if r := at[regID]; r != nil {
			r.Consents = setConsent(r.Consents, c) // later rows replace earlier decisions
		}
	}
	return crows.Err()
}

func setConsent(list []Consent, c Consent) []Consent {
	for i := range list {
		if list[i].Purpose == c.Purpose {
			list[i] = c
			return list
		}
	}
	return append(list, c)
}
