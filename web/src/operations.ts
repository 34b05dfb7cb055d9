// Every GraphQL operation the web view sends. Codegen turns these documents into typed
// operations in web/generated/, so results and variables are typed from the schema.
import { graphql } from '../generated/gql.js';

export const HealthQuery = graphql(`
  query Health {
    health {
      ok
      version
      database {
        reachable
        message
      }
    }
  }
`);

/** What the canvas needs of a node and of a folded edge; every graph-shaped operation shares them. */
export const GraphNodeFields = graphql(`
  fragment GraphNodeFields on GraphNode {
    id
    name
    type
    kind
    eventType
    date
    degree
    latitude
    longitude
    articleCount
  }
`);

export const GraphEdgeFields = graphql(`
  fragment GraphEdgeFields on GraphEdge {
    id
    source
    target
    type
    evidenceCount
    articleCount
    sources
    confidence
    firstSeen
  }
`);

export const GraphFields = graphql(`
  fragment GraphFields on Graph {
    truncated
    edgesTruncated
    nodes {
      ...GraphNodeFields
    }
    edges {
      ...GraphEdgeFields
    }
  }
`);

export const OverviewQuery = graphql(`
  query Overview($limit: Int, $events: Int) {
    overview(limit: $limit, events: $events) {
      ...GraphFields
    }
  }
`);

export const NeighbourhoodQuery = graphql(`
  query Neighbourhood($id: ID!, $depth: Int, $limit: Int) {
    neighbourhood(id: $id, depth: $depth, limit: $limit) {
      ...GraphFields
    }
  }
`);

export const SearchQuery = graphql(`
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      edges {
        score
        node {
          id
          name
          type
          aliases
          degree
          ... on Actor {
            kind
          }
          ... on Event {
            date
            eventType
          }
        }
      }
    }
  }
`);

export const EntityDetailsQuery = graphql(`
  query EntityDetails($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Entity {
        name
        aliases
        type
        degree
        evidence(first: 20) {
          totalCount
          edges {
            node {
              sentence
              relationType
              confidence
              article {
                id
                title
                source
                publishedAt
                url
              }
            }
          }
        }
      }
      ... on Actor {
        kind
        roles {
          relationType
          title
          organization {
            id
            name
          }
        }
        events(first: 30) {
          totalCount
          edges {
            node {
              id
              name
              date
              eventType
              typeLabel
              status
              articleCount
              sources
            }
          }
        }
        issues(first: 30) {
          edges {
            node {
              id
              name
            }
          }
        }
        stances(first: 20) {
          edges {
            node {
              stance
              date
              issue {
                id
                name
              }
            }
          }
        }
      }
      ... on Issue {
        actors(first: 30) {
          edges {
            node {
              id
              name
              kind
            }
          }
        }
        events(first: 30) {
          totalCount
          edges {
            node {
              id
              name
              date
              eventType
              typeLabel
              status
              articleCount
              sources
            }
          }
        }
      }
      ... on Event {
        eventType
        date
        status
        goldstein
        latitude
        longitude
        amounts {
          text
        }
        participants {
          role
          actor {
            id
            name
            kind
          }
        }
        eventIssues: issues {
          id
          name
        }
        places {
          id
          name
        }
      }
      ... on Place {
        placeKind
        countryCode
        latitude
        longitude
        events(first: 30) {
          totalCount
          edges {
            node {
              id
              name
              date
              eventType
              typeLabel
              status
              articleCount
              sources
            }
          }
        }
      }
    }
  }
`);

export const PathsQuery = graphql(`
  query Paths($from: ID!, $to: ID!) {
    paths(from: $from, to: $to, maxLength: 4, first: 3) {
      length
      nodes {
        ...GraphNodeFields
      }
      hops {
        from
        to
        edge {
          ...GraphEdgeFields
          evidence(first: 1) {
            sentence
            article {
              title
              source
              publishedAt
            }
          }
        }
      }
    }
  }
`);

export const RelationsOverTimeQuery = graphql(`
  query RelationsOverTime($a: ID!, $b: ID!) {
    relationsOverTime(a: $a, b: $b) {
      month
      eventCount
      meanGoldstein
      events {
        id
        name
      }
    }
  }
`);

export const IngestArticleMutation = graphql(`
  mutation IngestArticle($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      outcome
      nodesCreated
      relationshipsCreated
      article {
        id
        title
      }
      created {
        id
        name
        type
      }
      merged {
        id
        name
        type
      }
    }
  }
`);

export const GraphChangedSubscription = graphql(`
  subscription GraphChanged {
    graphChanged {
      kind
      articleId
      title
      entityIds
      at
    }
  }
`);

/** What happened while the live connection was down, to catch up when it comes back. */
export const ChangesSinceQuery = graphql(`
  query ChangesSince($since: String!) {
    changes(since: $since, first: 20) {
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          kind
          at
          articleId
          title
          article {
            entities(first: 40) {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`);

/** The map's own layer: the most connected places, with what the map needs to draw them. */
export const MapPlacesQuery = graphql(`
  query MapPlaces($first: Int) {
    places(first: $first) {
      edges {
        node {
          id
          name
          type
          degree
          placeKind
          countryCode
          latitude
          longitude
          articleCount
        }
      }
    }
  }
`);
