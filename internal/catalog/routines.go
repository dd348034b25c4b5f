package catalog

// Function is a function or procedure.
type Function struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Procedure is true for procedures.
	Procedure bool `json:"procedure,omitempty"`
	// Window is true for window functions.
	Window bool `json:"window,omitempty"`
	// Signature is the call signature: the argument types of
	// proargtypes, e.g. "integer, text", as in DROP FUNCTION name(...).
	// The key uses it.
	Signature string `json:"signature"`
	// IdentityArguments is pg_get_function_identity_arguments: the
	// signature with argument modes and names, e.g. "a integer, b text".
	IdentityArguments string `json:"identityArguments"`
	// Arguments is pg_get_function_arguments: modes, names and defaults.
	Arguments string `json:"arguments"`
	// Result is pg_get_function_result; empty for procedures.
	Result   string `json:"result,omitempty"`
	Language string `json:"language"`
	// Volatility is "immutable", "stable" or "volatile".
	Volatility      string `json:"volatility"`
	Strict          bool   `json:"strict,omitempty"`
	SecurityDefiner bool   `json:"securityDefiner,omitempty"`
	Leakproof       bool   `json:"leakproof,omitempty"`
	// Parallel is "safe", "restricted" or "unsafe".
	Parallel string  `json:"parallel"`
	Cost     float64 `json:"cost"`
	Rows     float64 `json:"rows,omitempty"`
	// Config holds sorted SET options, e.g. "search_path=app".
	Config []string `json:"config,omitempty"`
	// Definition is pg_get_functiondef: the full CREATE OR REPLACE text.
	Definition string `json:"definition"`
	Meta
}

// Aggregate is an aggregate function. Support functions are qualified
// regprocedure texts, e.g. "app.sum_state(integer,integer)".
type Aggregate struct {
	Schema            string `json:"schema"`
	Name              string `json:"name"`
	Signature         string `json:"signature"`
	IdentityArguments string `json:"identityArguments"`
	Arguments         string `json:"arguments"`
	Result            string `json:"result"`
	// AggKind is "normal", "ordered-set" or "hypothetical".
	AggKind          string `json:"aggKind"`
	DirectArgs       int    `json:"directArgs,omitempty"`
	StateFunc        string `json:"stateFunc"`
	StateType        string `json:"stateType"`
	StateSpace       int    `json:"stateSpace,omitempty"`
	FinalFunc        string `json:"finalFunc,omitempty"`
	FinalExtra       bool   `json:"finalExtra,omitempty"`
	FinalModify      string `json:"finalModify,omitempty"`
	CombineFunc      string `json:"combineFunc,omitempty"`
	SerialFunc       string `json:"serialFunc,omitempty"`
	DeserialFunc     string `json:"deserialFunc,omitempty"`
	InitialCondition string `json:"initialCondition,omitempty"`
	MovingStateFunc  string `json:"movingStateFunc,omitempty"`
	MovingInvFunc    string `json:"movingInverseFunc,omitempty"`
	MovingStateType  string `json:"movingStateType,omitempty"`
	MovingFinalFunc  string `json:"movingFinalFunc,omitempty"`
	MovingInitial    string `json:"movingInitialCondition,omitempty"`
	SortOperator     string `json:"sortOperator,omitempty"`
	Parallel         string `json:"parallel"`
	Meta
}
