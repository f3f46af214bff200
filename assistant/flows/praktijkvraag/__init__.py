"""The parts of the praktijkvraag reader (``assistant.flows.concepts``), one job each.

- ``reading``: the values it gives the kennisvraag (``Concept``, ``Reading``)
- ``vocabulary``: the words it reads by (the spec's word classes, the thesaurus) and the word tests
- ``nouns``, ``predicates``: the concepts a sentence names in nouns, and in verbs and adjectives
- ``pointing``: what a pointing word ("zo'n verbod") points back to
- ``salience``: one concept per term, ranked; which are core
- ``assignment``: the concepts checked against the dense descriptor assignment
- ``nominalise``: an om-clause made a noun phrase ("het betrekken van de ouders")
- ``alternatives``: the alternatives a question weighs ("A of (beter) B?")
- ``proposals``: a measure the story proposes, judged by a short question after it
- ``causes``: a cause the question names ("ligt het aan het programma?")
- ``outcomes``: what X should affect: the outcome named, the learning, the problem told
- ``kind``: the kind of question (``Vorm``)
"""
