// Package match pairs students from the partner city with mentors and buddies. It is a
// pure algorithm package (no database, no HTTP): the student module feeds it profiles and
// gets back scores with their reasons, ranked suggestions, or a whole term's assignment.
//
//   - Score rates one student–mentor pair and says why, as Reason codes with the shared
//     values, so a page can render a one-line localized reason ("Same university (Ege
//     Üniversitesi) · speaks Azerbaijani · 2 shared interests"). A common language is
//     required; a shared university weighs most, then a shared field, wanted help topics
//     the mentor offers, shared interests and languages; free places are a small
//     tiebreak. Text is compared folded (text.Fold), so "EGE ÜNİVERSİTESİ" is "Ege
//     Üniversitesi" and "satranc" is "satranç".
//   - Suggest ranks the mentors with a free place for one student (a coordinator's list,
//     or the choice offered to a student when the programme allows it).
//   - Assign proposes a complete assignment at the start of a term.
//
// What Assign optimises: first the number of students matched, then the total score.
// A coordinator expects every student who can have a mentor to get one; a plan that
// leaves a student out so that two others get slightly closer mentors is not what they
// asked for. So the objective is lexicographic, implemented by giving "no mentor" a cost
// larger than all pair costs of the term together.
//
// The method: the problem is a maximum-weight b-matching (mentors take up to their free
// places), i.e. a min-cost flow on the sparse graph of candidate pairs. Assign runs
// successive shortest paths with node potentials (Dijkstra on non-negative reduced
// costs), adding one unit of supply at a time: the Hungarian algorithm generalised to
// capacities, without expanding a mentor into one node per place. It adds students one by
// one when free places are plentiful and mentors' places one by one when students
// outnumber them, because each search stops once the nearest node with room is known, and
// on the scarcer side that node is near. It was chosen because it is exact by
// construction (each step keeps the cheapest routing of the units added so far, the
// textbook invariant) and has nothing to tune; an auction with ε-scaling is exact only
// with the right ε and integer scaling and is harder to read, and the Hungarian algorithm
// on a dense matrix of students × places is cubic in the term's size (bench/students uses
// it, separately written, as the exact reference on samples). bench/students measures
// 2,000 students and 500 mentors.
//
// Assign honours a deadline (Options.Deadline): what is not yet placed when it passes is
// placed greedily, and the result says CutShort. Results are
// deterministic: the same input gives the same assignment.
package match
